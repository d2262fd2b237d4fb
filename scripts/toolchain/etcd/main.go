// etcd's own main package lives in the repository's root module, whose go.mod
// replaces every etcd module with a relative path; the server module's
// etcdmain is the same entry point, published on its own.
package main

import (
	"os"

	"go.etcd.io/etcd/server/v3/etcdmain"
)

func main() { etcdmain.Main(os.Args) }
