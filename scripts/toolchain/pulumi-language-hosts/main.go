// Command pulumi-language-nodejs / -python / -go: minimal language hosts for
// the Pulumi CLI, built from the Pulumi SDK and codegen modules. Pulumi's own
// hosts (modules .../sdk/nodejs/cmd/pulumi-language-nodejs/v3,
// .../sdk/python/cmd/pulumi-language-python/v3 and .../sdk/go/pulumi-language-go/v3)
// are not served by the module proxy these machines reach. One binary, built
// once under each name: the name it is started as picks the language.
//
// Each implements what `pulumi preview`, `up` and `destroy` use; Node.js also
// policy packs and plugins (RunPlugin), Python and Go `pulumi package gen-sdk`
// (GeneratePackage).
package main

import (
	"context"
	"flag"
	"fmt"
	"os"
	"os/signal"
	"path/filepath"
	"strings"
	"time"

	"github.com/pulumi/pulumi/sdk/v3/go/common/util/cmdutil"
	"github.com/pulumi/pulumi/sdk/v3/go/common/util/logging"
	"github.com/pulumi/pulumi/sdk/v3/go/common/util/rpcutil"
	pulumirpc "github.com/pulumi/pulumi/sdk/v3/proto/go"
	"google.golang.org/grpc"
)

// version is stamped by scripts/toolchain/ensure.sh.
var version = "0.0.0-dev"

func main() {
	showVersion := flag.Bool("version", false, "print the version and exit")
	// The CLI passes these to every language host; these have no use for them.
	flag.String("tracing", "", "ignored")
	flag.String("runtime", "", "ignored: the name picks the language")
	flag.Parse()
	if *showVersion {
		fmt.Println(version)
		return
	}
	logging.InitLogging(false, 0, false)

	var engineAddress string
	if args := flag.Args(); len(args) > 0 {
		engineAddress = args[0]
	}
	var server pulumirpc.LanguageRuntimeServer
	switch name := strings.TrimSuffix(filepath.Base(os.Args[0]), ".exe"); name {
	case "pulumi-language-nodejs":
		server = &nodejsHost{base: base{engineAddress: engineAddress}}
	case "pulumi-language-python":
		server = &pythonHost{base: base{engineAddress: engineAddress}}
	case "pulumi-language-go":
		server = &goHost{base: base{engineAddress: engineAddress}}
	default:
		cmdutil.Exit(fmt.Errorf("started as %s: build this host as pulumi-language-nodejs, pulumi-language-python or pulumi-language-go", name))
	}

	ctx, cancel := signal.NotifyContext(context.Background(), os.Interrupt)
	defer cancel()
	stop := make(chan bool)
	go func() {
		<-ctx.Done()
		close(stop)
	}()
	// Exit with the engine, so no program is left behind.
	if engineAddress != "" {
		if err := rpcutil.Healthcheck(ctx, engineAddress, 5*time.Minute, cancel); err != nil {
			cmdutil.Exit(fmt.Errorf("could not start health check: %w", err))
		}
	}
	handle, err := rpcutil.ServeWithOptions(rpcutil.ServeOptions{
		Cancel: stop,
		Init: func(srv *grpc.Server) error {
			pulumirpc.RegisterLanguageRuntimeServer(srv, server)
			return nil
		},
	})
	if err != nil {
		cmdutil.Exit(fmt.Errorf("could not start the language host: %w", err))
	}
	// The CLI reads the port from the first line of stdout.
	fmt.Printf("%d\n", handle.Port)
	if err := <-handle.Done; err != nil {
		cmdutil.Exit(fmt.Errorf("language host stopped: %w", err))
	}
}
