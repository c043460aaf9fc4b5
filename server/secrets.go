package server

import (
	"crypto/rand"
	"encoding/base64"
	"errors"
	"fmt"
	"os"
	"strings"
)

// LoadSecret reads a secret from the environment variable name or from the
// file named by name+"_FILE" (as Docker and Kubernetes secrets are mounted).
// It returns "" when neither is set, and an error when both are or the file
// cannot be read. Surrounding whitespace is trimmed. The value is never
// logged.
func LoadSecret(name string) (string, error) {
	value, inEnv := os.LookupEnv(name)
	path, inFile := os.LookupEnv(name + "_FILE")
	switch {
	case inEnv && inFile:
		return "", fmt.Errorf("both %s and %s_FILE are set: choose one", name, name)
	case inFile:
		b, err := os.ReadFile(path)
		if err != nil {
			return "", fmt.Errorf("%s_FILE: %w", name, err)
		}
		return strings.TrimSpace(string(b)), nil
	}
	return strings.TrimSpace(value), nil
}

// TokenFile returns the secret in path, creating it with a new random value
// (mode 0600) when the file does not exist: for development credentials
// such as the sandbox control token of make run.
func TokenFile(path string) (string, error) {
	b, err := os.ReadFile(path)
	if err == nil {
		if s := strings.TrimSpace(string(b)); s != "" {
			return s, nil
		}
		return "", fmt.Errorf("%s is empty", path)
	}
	if !errors.Is(err, os.ErrNotExist) {
		return "", err
	}
	raw := make([]byte, 32)
	if _, err := rand.Read(raw); err != nil {
		return "", err
	}
	s := base64.RawURLEncoding.EncodeToString(raw)
	if err := os.WriteFile(path, []byte(s+"\n"), 0o600); err != nil {
		return "", err
	}
	return s, nil
}
