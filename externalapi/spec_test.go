package externalapi

import (
	"encoding/json"
	"os"
	"testing"

	"github.com/stretchr/testify/require"
)

// specTables is testdata/spec_api.json, a copy of the tables read from the
// jitsi-meet source.
type specTables struct {
	Commands []struct{ Name, Wire string } `json:"commands"`
	Events   []struct{ Name, Wire string } `json:"events"`
	Methods  []struct{ Name string }       `json:"methods"`
}

// loadSpec reads the spec tables.
func loadSpec(t testing.TB) specTables {
	t.Helper()
	b, err := os.ReadFile("testdata/spec_api.json")
	require.NoError(t, err)
	var s specTables
	require.NoError(t, json.Unmarshal(b, &s))
	require.NotEmpty(t, s.Commands)
	return s
}
