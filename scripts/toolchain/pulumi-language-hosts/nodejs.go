package main

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"strconv"
	"strings"

	"github.com/google/shlex"
	sdk "github.com/pulumi/pulumi/sdk/v3"
	"github.com/pulumi/pulumi/sdk/v3/go/common/resource/config"
	"github.com/pulumi/pulumi/sdk/v3/go/common/util/rpcutil"
	pulumirpc "github.com/pulumi/pulumi/sdk/v3/proto/go"
	"google.golang.org/grpc"
)

// nodejsHost runs programs, policy packs and plugins (such as the component
// package) written for Node.js, through the @pulumi/pulumi SDK's own entry
// points (cmd/run, cmd/run-policy-pack, cmd/run-plugin) from the program's
// node_modules.
type nodejsHost struct{ base }

// runtimeOptions are Pulumi.yaml's `runtime.options` for nodejs that this host honours.
type runtimeOptions struct {
	typescript   bool
	tsconfigPath string
	nodeArgs     []string
}

func parseRuntimeOptions(info *pulumirpc.ProgramInfo) (runtimeOptions, error) {
	opts := runtimeOptions{typescript: true}
	if info == nil || info.GetOptions() == nil {
		return opts, nil
	}
	values := info.GetOptions().AsMap()
	if v, ok := values["typescript"]; ok {
		b, isBool := v.(bool)
		if !isBool {
			return opts, fmt.Errorf("runtime option typescript must be a boolean, got %v", v)
		}
		opts.typescript = b
	}
	if v, ok := values["tsconfig"].(string); ok {
		opts.tsconfigPath = v
	}
	if v, ok := values["nodeargs"].(string); ok {
		args, err := shlex.Split(v)
		if err != nil {
			return opts, fmt.Errorf("runtime option nodeargs: %w", err)
		}
		opts.nodeArgs = args
	}
	return opts, nil
}

func (o runtimeOptions) env() []string {
	var env []string
	if o.typescript {
		env = append(env, "PULUMI_NODEJS_TYPESCRIPT=true")
	}
	if o.tsconfigPath != "" {
		env = append(env, "PULUMI_NODEJS_TSCONFIG_PATH="+o.tsconfigPath)
	}
	return env
}

// resolveModule finds an SDK entry point as Node would from dir, so the
// program runs with the @pulumi/pulumi it installed.
func resolveModule(node, dir, module string) (string, error) {
	script := fmt.Sprintf("console.log(require.resolve(%q))", module)
	cmd := exec.Command(node, "-e", script)
	cmd.Dir = dir
	out, err := cmd.Output()
	if err != nil {
		return "", fmt.Errorf("cannot find %s from %s: is @pulumi/pulumi installed there (npm ci)?", module, dir)
	}
	return strings.TrimSpace(string(out)), nil
}

// configJSON passes config as the SDK reads it: keys as <namespace>:config:<name>.
func configJSON(cfg map[string]string) (string, error) {
	out := make(map[string]string, len(cfg))
	for k, v := range cfg {
		key, err := config.ParseKey(k)
		if err != nil {
			return "", err
		}
		out[key.Namespace()+":config:"+key.Name()] = v
	}
	data, err := json.Marshal(out)
	return string(data), err
}

func (h *nodejsHost) Run(ctx context.Context, req *pulumirpc.RunRequest) (*pulumirpc.RunResponse, error) {
	node, err := exec.LookPath("node")
	if err != nil {
		return &pulumirpc.RunResponse{Error: "node is not on PATH"}, nil
	}
	info := req.GetInfo()
	opts, err := parseRuntimeOptions(info)
	if err != nil {
		return &pulumirpc.RunResponse{Error: err.Error()}, nil
	}
	runPath, err := resolveModule(node, info.GetProgramDirectory(), "@pulumi/pulumi/cmd/run")
	if err != nil {
		return &pulumirpc.RunResponse{Error: err.Error()}, nil
	}
	cfg, err := configJSON(req.GetConfig())
	if err != nil {
		return &pulumirpc.RunResponse{Error: err.Error()}, nil
	}
	secretKeys, err := json.Marshal(append([]string{}, req.GetConfigSecretKeys()...))
	if err != nil {
		return &pulumirpc.RunResponse{Error: err.Error()}, nil
	}

	env := append(os.Environ(), "PULUMI_CONFIG="+cfg, "PULUMI_CONFIG_SECRET_KEYS="+string(secretKeys))
	env, preload, cleanup, err := spillLargeEnv(append(env, opts.env()...), maxEnvString)
	if err != nil {
		return &pulumirpc.RunResponse{Error: fmt.Sprintf("could not pass the config to node: %v", err)}, nil
	}
	defer cleanup()

	args := append(preload, opts.nodeArgs...)
	args = append(args, runPath)
	flagArg := func(name, value string) {
		if value != "" {
			args = append(args, "--"+name, value)
		}
	}
	flagArg("monitor", req.GetMonitorAddress())
	flagArg("engine", h.engine())
	flagArg("organization", req.GetOrganization())
	flagArg("project", req.GetProject())
	flagArg("root-directory", info.GetRootDirectory())
	flagArg("stack", req.GetStack())
	flagArg("pwd", info.GetProgramDirectory())
	if req.GetDryRun() {
		args = append(args, "--dry-run")
	}
	flagArg("parallel", strconv.Itoa(int(req.GetParallel())))
	args = append(args, info.GetEntryPoint())
	args = append(args, req.GetArgs()...)

	cmd := exec.CommandContext(ctx, node, args...)
	cmd.Dir = info.GetProgramDirectory()
	cmd.Env = env
	return runProgram(cmd), nil
}

// RunPlugin runs policy packs (kind analyzer) and Node.js plugins.
func (h *nodejsHost) RunPlugin(req *pulumirpc.RunPluginRequest, server grpc.ServerStreamingServer[pulumirpc.RunPluginResponse]) error {
	ctx := server.Context()
	closer, stdout, stderr, err := rpcutil.MakeRunPluginStreams(server, false)
	if err != nil {
		return err
	}
	defer closer.Close()

	node, err := exec.LookPath("node")
	if err != nil {
		return errors.New("node is not on PATH")
	}
	info := req.GetInfo()
	opts, err := parseRuntimeOptions(info)
	if err != nil {
		return err
	}
	analyzer := req.GetKind() == "analyzer"
	module := "@pulumi/pulumi/cmd/run-plugin"
	if analyzer {
		module = "@pulumi/pulumi/cmd/run-policy-pack"
	}
	runPath, err := resolveModule(node, info.GetProgramDirectory(), module)
	if err != nil {
		return err
	}

	args := append([]string{runPath}, opts.nodeArgs...)
	// A policy pack takes its directory last, any other plugin first.
	if analyzer {
		args = append(append(args, req.GetArgs()...), info.GetProgramDirectory())
	} else {
		args = append(append(args, info.GetProgramDirectory()), req.GetArgs()...)
	}
	env := append(append([]string{}, req.GetEnv()...), opts.env()...)

	// The CLI sends a policy pack its stack's config over gRPC, but the Node.js
	// pack reads it from the environment at start: the SDK's proxy takes the
	// config call first, then hands the connection to the started pack.
	var proxy *sdk.PolicyProxy
	if analyzer {
		proxy, stdout, err = sdk.NewPolicyProxy(ctx, stdout)
		if err != nil {
			return fmt.Errorf("could not start the policy pack proxy: %w", err)
		}
		stack, err := proxy.AwaitConfiguration(ctx)
		if err != nil {
			return fmt.Errorf("could not get the stack configuration: %w", err)
		}
		if stack != nil {
			add := func(k, v string) {
				if v != "" {
					env = append(env, k+"="+v)
				}
			}
			add("PULUMI_NODEJS_ORGANIZATION", stack.GetOrganization())
			add("PULUMI_NODEJS_PROJECT", stack.GetProject())
			add("PULUMI_NODEJS_STACK", stack.GetStack())
			add("PULUMI_NODEJS_DRY_RUN", strconv.FormatBool(stack.GetDryRun()))
			if stack.GetConfig() != nil {
				data, err := json.Marshal(stack.GetConfig())
				if err != nil {
					return err
				}
				add("PULUMI_CONFIG", string(data))
			}
		}
	}

	env, preload, cleanup, err := spillLargeEnv(env, maxEnvString)
	if err != nil {
		return fmt.Errorf("could not pass the environment to node: %w", err)
	}
	defer cleanup()
	args = append(preload, args...)

	cmd := exec.CommandContext(ctx, node, args...)
	// Policy packs have always run from their own directory.
	cmd.Dir = req.GetPwd()
	if analyzer {
		cmd.Dir = info.GetProgramDirectory()
	}
	cmd.Env = env
	cmd.Stdout, cmd.Stderr = stdout, stderr
	if err := cmd.Start(); err != nil {
		return fmt.Errorf("could not run node: %w", err)
	}
	if proxy != nil {
		return proxy.Attach(ctx, cmd)
	}
	if err := cmd.Wait(); err != nil {
		var exit *exec.ExitError
		if errors.As(err, &exit) {
			return fmt.Errorf("plugin exited with non-zero exit code: %d", exit.ExitCode())
		}
		return err
	}
	return closer.Close()
}

// packageJSON is the part of a package.json that marks a Pulumi provider SDK.
type packageJSON struct {
	Name    string `json:"name"`
	Version string `json:"version"`
	Pulumi  struct {
		Resource bool   `json:"resource"`
		Name     string `json:"name"`
		Version  string `json:"version"`
		Server   string `json:"server"`
	} `json:"pulumi"`
}

// requiredPackages lists the provider plugins the installed SDKs ask for, so
// the CLI can check they are installed before the program starts.
func requiredPackages(programDir string) ([]*pulumirpc.PackageDependency, error) {
	root := filepath.Join(programDir, "node_modules")
	seen := map[string]bool{}
	var deps []*pulumirpc.PackageDependency
	err := filepath.WalkDir(root, func(path string, d os.DirEntry, err error) error {
		if err != nil {
			if errors.Is(err, os.ErrNotExist) {
				return nil
			}
			return err
		}
		if d.IsDir() && d.Name() == ".bin" {
			return filepath.SkipDir
		}
		if d.IsDir() || d.Name() != "package.json" {
			return nil
		}
		data, err := os.ReadFile(path)
		if err != nil {
			return nil
		}
		var pkg packageJSON
		if json.Unmarshal(data, &pkg) != nil || !pkg.Pulumi.Resource {
			return nil
		}
		name := pkg.Pulumi.Name
		if name == "" {
			name = strings.TrimPrefix(pkg.Name, "@pulumi/")
		}
		ver := pkg.Pulumi.Version
		if ver == "" {
			ver = pkg.Version
		}
		if key := name + "@" + ver; !seen[key] {
			seen[key] = true
			deps = append(deps, &pulumirpc.PackageDependency{
				Kind: "resource", Name: name, Version: "v" + strings.TrimPrefix(ver, "v"), Server: pkg.Pulumi.Server,
			})
		}
		return nil
	})
	return deps, err
}

func (h *nodejsHost) GetRequiredPackages(_ context.Context, req *pulumirpc.GetRequiredPackagesRequest) (*pulumirpc.GetRequiredPackagesResponse, error) {
	deps, err := requiredPackages(req.GetInfo().GetProgramDirectory())
	if err != nil {
		return nil, err
	}
	return &pulumirpc.GetRequiredPackagesResponse{Packages: deps}, nil
}

func (h *nodejsHost) GetRequiredPlugins(_ context.Context, req *pulumirpc.GetRequiredPluginsRequest) (*pulumirpc.GetRequiredPluginsResponse, error) {
	deps, err := requiredPackages(req.GetInfo().GetProgramDirectory())
	if err != nil {
		return nil, err
	}
	plugins := make([]*pulumirpc.PluginDependency, 0, len(deps))
	for _, d := range deps {
		plugins = append(plugins, &pulumirpc.PluginDependency{Name: d.Name, Kind: d.Kind, Version: d.Version, Server: d.Server})
	}
	return &pulumirpc.GetRequiredPluginsResponse{Plugins: plugins}, nil
}

// InstallDependencies runs `npm ci` (or `npm install` without a lockfile) where
// node_modules is missing; an installed project is left alone.
func (h *nodejsHost) InstallDependencies(req *pulumirpc.InstallDependenciesRequest, server grpc.ServerStreamingServer[pulumirpc.InstallDependenciesResponse]) error {
	dir := req.GetInfo().GetProgramDirectory()
	if dir == "" {
		dir = req.GetDirectory()
	}
	if _, err := os.Stat(filepath.Join(dir, "node_modules")); err == nil {
		return nil
	}
	verb := "install"
	if _, err := os.Stat(filepath.Join(dir, "package-lock.json")); err == nil {
		verb = "ci"
	}
	cmd := exec.CommandContext(server.Context(), "npm", verb, "--no-audit", "--no-fund")
	cmd.Dir = dir
	cmd.Stdout = streamTo(server)
	cmd.Stderr = streamWriter(func(b []byte) error { return server.Send(&pulumirpc.InstallDependenciesResponse{Stderr: b}) })
	if err := cmd.Run(); err != nil {
		return fmt.Errorf("npm %s in %s: %w", verb, dir, err)
	}
	return nil
}

func (h *nodejsHost) About(context.Context, *pulumirpc.AboutRequest) (*pulumirpc.AboutResponse, error) {
	node, err := exec.LookPath("node")
	if err != nil {
		return nil, errors.New("node is not on PATH")
	}
	out, err := exec.Command(node, "--version").Output()
	if err != nil {
		return nil, err
	}
	return &pulumirpc.AboutResponse{Executable: node, Version: strings.TrimSpace(strings.TrimPrefix(string(out), "v"))}, nil
}
