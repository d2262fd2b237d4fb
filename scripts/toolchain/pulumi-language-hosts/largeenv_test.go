package main

import (
	"encoding/json"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"
)

func TestSpillLargeEnvLeavesSmallEnvAlone(t *testing.T) {
	env := []string{"A=1", "PULUMI_CONFIG={}"}
	got, args, cleanup, err := spillLargeEnv(env, 64)
	if err != nil {
		t.Fatal(err)
	}
	defer cleanup()
	if len(args) != 0 || strings.Join(got, "\n") != strings.Join(env, "\n") {
		t.Fatalf("small env changed: %v, node args %v", got, args)
	}
}

func TestSpillLargeEnvMovesLargeValuesToPrivateFile(t *testing.T) {
	large := `{"p:config:x":"` + strings.Repeat("y", 200) + `"}`
	env := []string{"PULUMI_CONFIG=small", "A=1", "PULUMI_CONFIG=" + large}
	got, args, cleanup, err := spillLargeEnv(env, 64)
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(cleanup) // also when the test fails half-way
	var file string
	for _, kv := range got {
		if strings.HasPrefix(kv, "PULUMI_CONFIG=") {
			t.Fatalf("PULUMI_CONFIG still passed in the environment: %q", kv)
		}
		if v, ok := strings.CutPrefix(kv, envFileVar+"="); ok {
			file = v
		}
	}
	if file == "" || len(args) != 2 || args[0] != "-r" {
		t.Fatalf("no file or preload: env %v, node args %v", got, args)
	}
	dir := filepath.Dir(file)
	for path, mode := range map[string]os.FileMode{dir: 0o700, file: 0o600} {
		info, err := os.Stat(path)
		if err != nil {
			t.Fatal(err)
		}
		if info.Mode().Perm() != mode {
			t.Errorf("%s has mode %v, want %v", path, info.Mode().Perm(), mode)
		}
	}
	var moved map[string]string
	data, _ := os.ReadFile(file)
	if err := json.Unmarshal(data, &moved); err != nil || moved["PULUMI_CONFIG"] != large || len(moved) != 1 {
		t.Fatalf("moved variables %v (%v)", moved, err)
	}

	// node sees the moved value, the preload removes the file and its own variable.
	if node, err := exec.LookPath("node"); err == nil {
		script := `process.stdout.write(JSON.stringify([process.env.PULUMI_CONFIG, process.env.` + envFileVar + ` ?? null]))`
		cmd := exec.Command(node, append(args, "-e", script)...)
		cmd.Env = got
		out, err := cmd.Output()
		if err != nil {
			t.Fatal(err)
		}
		var seen []*string
		if err := json.Unmarshal(out, &seen); err != nil || len(seen) != 2 || seen[0] == nil || *seen[0] != large || seen[1] != nil {
			t.Fatalf("node saw %s (%v)", out, err)
		}
		if _, err := os.Stat(file); !os.IsNotExist(err) {
			t.Errorf("the preload left %s behind", file)
		}
	}

	cleanup()
	if _, err := os.Stat(dir); !os.IsNotExist(err) {
		t.Errorf("cleanup left %s behind", dir)
	}
}

func TestSpillLargeEnvKeepsALaterSmallValue(t *testing.T) {
	env := []string{"PULUMI_CONFIG=" + strings.Repeat("y", 100), "PULUMI_CONFIG=small"}
	got, args, cleanup, err := spillLargeEnv(env, 64)
	if err != nil {
		t.Fatal(err)
	}
	defer cleanup()
	if len(args) != 0 || strings.Join(got, "\n") != "PULUMI_CONFIG=small" {
		t.Fatalf("env %v, node args %v", got, args)
	}
}
