package main

import (
	"context"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"

	gogen "github.com/pulumi/pulumi/pkg/v3/codegen/go"
	"github.com/pulumi/pulumi/pkg/v3/codegen/schema"
	pulumirpc "github.com/pulumi/pulumi/sdk/v3/proto/go"
	"google.golang.org/grpc"
)

type goHost struct{ base }

// Run builds the program (`go build` in its directory, or Pulumi.yaml's
// `binary` option when set: a program built beforehand) and runs it; the Go
// SDK reads its settings from the environment.
func (h *goHost) Run(ctx context.Context, req *pulumirpc.RunRequest) (*pulumirpc.RunResponse, error) {
	info := req.GetInfo()
	env, err := h.programEnv(req)
	if err != nil {
		return &pulumirpc.RunResponse{Error: err.Error()}, nil
	}
	program, _ := info.GetOptions().AsMap()["binary"].(string)
	if program != "" && !filepath.IsAbs(program) {
		program = filepath.Join(info.GetRootDirectory(), program)
	}
	if program == "" {
		dir, err := os.MkdirTemp("", "pulumi-go-program-")
		if err != nil {
			return nil, err
		}
		defer os.RemoveAll(dir)
		program = filepath.Join(dir, "program")
		build := exec.CommandContext(ctx, "go", "build", "-o", program, ".")
		build.Dir = info.GetProgramDirectory()
		if out, err := build.CombinedOutput(); err != nil {
			return &pulumirpc.RunResponse{Error: fmt.Sprintf("go build in %s: %v\n%s", build.Dir, err, out)}, nil
		}
	}
	cmd := exec.CommandContext(ctx, program, req.GetArgs()...)
	cmd.Dir = info.GetProgramDirectory()
	cmd.Env = env
	return runProgram(cmd), nil
}

// InstallDependencies downloads the modules go.mod requires.
func (h *goHost) InstallDependencies(req *pulumirpc.InstallDependenciesRequest, server grpc.ServerStreamingServer[pulumirpc.InstallDependenciesResponse]) error {
	return command(server.Context(), streamTo(server), req.GetInfo().GetProgramDirectory(), "go", "mod", "download")
}

func (h *goHost) GeneratePackage(_ context.Context, req *pulumirpc.GeneratePackageRequest) (*pulumirpc.GeneratePackageResponse, error) {
	return generate(req, func(pkg *schema.Package, _ schema.ReferenceLoader) (map[string][]byte, error) {
		return gogen.GeneratePackage("pulumi-language-go", pkg, req.GetLocalDependencies())
	})
}
