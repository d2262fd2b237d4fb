package main

import (
	_ "embed"
	"encoding/json"
	"os"
	"path/filepath"
	"strings"
)

// Linux refuses to start a process with any one environment string over
// MAX_ARG_STRLEN (32 pages, 128 KiB), and the SDK reads the whole stack config
// from one, PULUMI_CONFIG (pulumi/pulumi#8680): a stack with a few hundred
// services could not run. Such strings go to a private file instead, which
// preload.js, required by node before the SDK loads, reads back into process.env.

//go:embed preload.js
var preloadScript []byte

// envFileVar names the file of moved variables for preload.js.
const envFileVar = "ISTIO_MESH_PULUMI_ENV_FILE"

// maxEnvString leaves room under MAX_ARG_STRLEN; smaller variables pass as usual.
const maxEnvString = 64 * 1024

// spillLargeEnv moves every entry of env longer than limit bytes into a JSON file
// in a new directory only this user can read. It returns the environment to start
// node with, the node arguments that put the moved variables back, and a function
// that removes the directory (call it when node has exited). With nothing to move,
// no file is written.
func spillLargeEnv(env []string, limit int) ([]string, []string, func(), error) {
	last := make(map[string]int, len(env))
	for i, kv := range env {
		name, _, _ := strings.Cut(kv, "=")
		last[name] = i
	}
	moved := map[string]string{}
	kept := make([]string, 0, len(env)+1)
	for i, kv := range env {
		name, value, _ := strings.Cut(kv, "=")
		switch {
		case last[name] != i: // exec passes only the last value of a name
		case len(kv) > limit:
			moved[name] = value
		default:
			kept = append(kept, kv)
		}
	}
	if len(moved) == 0 {
		return kept, nil, func() {}, nil
	}
	dir, err := os.MkdirTemp("", "pulumi-language-nodejs-")
	if err != nil {
		return nil, nil, nil, err
	}
	cleanup := func() { _ = os.RemoveAll(dir) }
	data, err := json.Marshal(moved)
	if err == nil {
		err = os.WriteFile(filepath.Join(dir, "env.json"), data, 0o600)
	}
	if err == nil {
		err = os.WriteFile(filepath.Join(dir, "preload.js"), preloadScript, 0o600)
	}
	if err != nil {
		cleanup()
		return nil, nil, nil, err
	}
	kept = append(kept, envFileVar+"="+filepath.Join(dir, "env.json"))
	return kept, []string{"-r", filepath.Join(dir, "preload.js")}, cleanup, nil
}
