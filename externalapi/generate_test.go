//go:build !js

package externalapi

import (
	"os"
	"os/exec"
	"path/filepath"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// TestGeneratedCodeIsUpToDate fails when definitions.json or the generator
// changed without go generate.
func TestGeneratedCodeIsUpToDate(t *testing.T) {
	dir := t.TempDir()
	out, err := exec.Command("go", "run", "./internal/gen", "-in", "definitions.json", "-out", dir).CombinedOutput()
	require.NoError(t, err, "%s", out)
	for _, name := range []string{"commands_gen.go", "events_gen.go", "getters_gen.go", "decoders_gen.go", "plain_gen.go"} {
		want, err := os.ReadFile(filepath.Join(dir, name))
		require.NoError(t, err)
		got, err := os.ReadFile(name)
		require.NoError(t, err)
		assert.Equal(t, string(want), string(got), "%s is stale: run go generate ./externalapi", name)
	}
}
