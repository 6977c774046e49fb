// Command compose-check loads a Compose file the way `docker compose config` does (same
// library, compose-go, with the Compose Specification schema and interpolation) and prints
// the resolved project, or the error. Our machines have no Docker engine nor compose plugin.
//
//	go run ./tools/compose-check -f docker/docker-compose.yml --env-file docker/.env [--format json]
package main

import (
	"context"
	"flag"
	"fmt"
	"os"

	"github.com/compose-spec/compose-go/v2/cli"
)

func main() {
	file := flag.String("f", "docker/docker-compose.yml", "Compose file")
	envFile := flag.String("env-file", "", "env file used for interpolation")
	format := flag.String("format", "yaml", "output format: yaml or json")
	flag.Parse()

	options := []cli.ProjectOptionsFn{cli.WithOsEnv, cli.WithResolvedPaths(true), cli.WithInterpolation(true)}
	if *envFile != "" {
		options = append(options, cli.WithEnvFiles(*envFile), cli.WithDotEnv)
	}
	projectOptions, err := cli.NewProjectOptions([]string{*file}, options...)
	if err != nil {
		fail(err)
	}
	project, err := projectOptions.LoadProject(context.Background())
	if err != nil {
		fail(err)
	}
	marshal := project.MarshalYAML
	if *format == "json" {
		marshal = project.MarshalJSON
	}
	out, err := marshal()
	if err != nil {
		fail(err)
	}
	os.Stdout.Write(out)
}

func fail(err error) {
	fmt.Fprintln(os.Stderr, "compose-check:", err)
	os.Exit(1)
}
