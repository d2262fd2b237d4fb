package main

import (
	"context"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"strconv"

	pygen "github.com/pulumi/pulumi/pkg/v3/codegen/python"
	"github.com/pulumi/pulumi/pkg/v3/codegen/schema"
	pulumirpc "github.com/pulumi/pulumi/sdk/v3/proto/go"
	"google.golang.org/grpc"
)

// pythonRunner starts a program the way Pulumi's Python host does: the SDK
// configured from the arguments, then the program run as __main__ inside the
// stack resource. The `pulumi` package on PyPI does not ship such a runner.
const pythonRunner = `
import argparse, asyncio, logging, os, runpy, sys, traceback
try:
    import pulumi, pulumi.runtime
except ImportError:
    print("the pulumi package is not installed for " + sys.executable + ": pip install -r requirements.txt", file=sys.stderr)
    sys.exit(1)
ap = argparse.ArgumentParser()
for flag in ("monitor", "engine", "project", "stack", "organization", "root_directory", "pwd", "parallel", "dry_run"):
    ap.add_argument("--" + flag)
ap.add_argument("program")
ap.add_argument("args", nargs="*")
a = ap.parse_args()
pulumi.runtime.set_all_config(pulumi.runtime.get_config_env(), pulumi.runtime.get_config_secret_keys_env())
pulumi.runtime.configure(pulumi.runtime.Settings(
    project=a.project, stack=a.stack, monitor=a.monitor, engine=a.engine, parallel=int(a.parallel or 0),
    dry_run=a.dry_run == "true", organization=a.organization, root_directory=a.root_directory))
sys.argv = [a.program] + a.args
if a.pwd:
    os.chdir(a.pwd)
# Unobserved futures of a failed program are expected; asyncio's complaints about them are noise.
logging.getLogger("asyncio").setLevel(logging.CRITICAL)
loop = asyncio.new_event_loop()
asyncio.set_event_loop(loop)
ok = False
try:
    loop.run_until_complete(pulumi.runtime.run_in_stack(lambda: runpy.run_path(a.program, run_name="__main__")))
    ok = True
except pulumi.RunError as e:
    pulumi.log.error(str(e))
except Exception:
    pulumi.log.error("Program failed with an unhandled exception:\n" + traceback.format_exc())
finally:
    loop.close()
    sys.stdout.flush()
    sys.stderr.flush()
sys.exit(0 if ok else 32)
`

type pythonHost struct{ base }

// python is the interpreter a program runs with: the one of Pulumi.yaml's
// `virtualenv` option when set (relative to the project), else python3 on PATH.
func python(info *pulumirpc.ProgramInfo) (string, error) {
	if venv, ok := info.GetOptions().AsMap()["virtualenv"].(string); ok && venv != "" {
		if !filepath.IsAbs(venv) {
			venv = filepath.Join(info.GetRootDirectory(), venv)
		}
		return filepath.Join(venv, "bin", "python"), nil
	}
	for _, name := range []string{"python3", "python"} {
		if path, err := exec.LookPath(name); err == nil {
			return path, nil
		}
	}
	return "", fmt.Errorf("no python3 on PATH")
}

func (h *pythonHost) Run(ctx context.Context, req *pulumirpc.RunRequest) (*pulumirpc.RunResponse, error) {
	info := req.GetInfo()
	interpreter, err := python(info)
	if err != nil {
		return &pulumirpc.RunResponse{Error: err.Error()}, nil
	}
	env, err := h.programEnv(req)
	if err != nil {
		return &pulumirpc.RunResponse{Error: err.Error()}, nil
	}
	runner, err := os.CreateTemp("", "pulumi-python-runner-*.py")
	if err != nil {
		return nil, err
	}
	defer os.Remove(runner.Name())
	if _, err := runner.WriteString(pythonRunner); err != nil {
		return nil, err
	}
	if err := runner.Close(); err != nil {
		return nil, err
	}
	program := filepath.Join(info.GetProgramDirectory(), info.GetEntryPoint())
	args := []string{"-u", runner.Name(),
		"--monitor", req.GetMonitorAddress(), "--engine", h.engine(), "--project", req.GetProject(), "--stack", req.GetStack(),
		"--organization", req.GetOrganization(), "--root_directory", info.GetRootDirectory(), "--pwd", info.GetProgramDirectory(),
		"--parallel", strconv.Itoa(int(req.GetParallel())), "--dry_run", strconv.FormatBool(req.GetDryRun()), program}
	cmd := exec.CommandContext(ctx, interpreter, append(args, req.GetArgs()...)...)
	cmd.Dir = info.GetProgramDirectory()
	cmd.Env = env
	return runProgram(cmd), nil
}

// InstallDependencies makes the `virtualenv` when Pulumi.yaml names one and
// installs requirements.txt into it (or into the python on PATH).
func (h *pythonHost) InstallDependencies(req *pulumirpc.InstallDependenciesRequest, server grpc.ServerStreamingServer[pulumirpc.InstallDependenciesResponse]) error {
	info := req.GetInfo()
	interpreter, err := python(info)
	if err != nil {
		return err
	}
	out := streamTo(server)
	if _, err := os.Stat(interpreter); err != nil && filepath.IsAbs(interpreter) {
		system, err := python(&pulumirpc.ProgramInfo{})
		if err != nil {
			return err
		}
		venv := filepath.Dir(filepath.Dir(interpreter))
		if err := command(server.Context(), out, info.GetProgramDirectory(), system, "-m", "venv", venv); err != nil {
			return err
		}
	}
	return command(server.Context(), out, info.GetProgramDirectory(), interpreter, "-m", "pip", "install", "-r", "requirements.txt")
}

func (h *pythonHost) GeneratePackage(_ context.Context, req *pulumirpc.GeneratePackageRequest) (*pulumirpc.GeneratePackageResponse, error) {
	return generate(req, func(pkg *schema.Package, loader schema.ReferenceLoader) (map[string][]byte, error) {
		return pygen.GeneratePackage("pulumi-language-python", pkg, req.GetExtraFiles(), loader)
	})
}
