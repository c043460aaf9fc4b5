package meethour_test

import (
	"fmt"
	"log/slog"
	"strings"
	"testing"

	"github.com/meetbridge/meetbridge/meethour"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

func validConfig() meethour.Config {
	return meethour.Config{
		ClientID:     "client-id",
		ClientSecret: "s3cret-client-value",
		Username:     "owner@example.com",
		Password:     "pa55word-value",
		APIKey:       "api-key",
	}
}

func TestConfigRedactsSecrets(t *testing.T) {
	cfg := validConfig()
	c, err := meethour.New(cfg)
	require.NoError(t, err)
	var logged strings.Builder
	slog.New(slog.NewTextHandler(&logged, nil)).Info("config", "meethour", cfg, "client", c)
	for _, out := range []string{
		fmt.Sprintf("%v", cfg), fmt.Sprintf("%+v", cfg), fmt.Sprintf("%#v", cfg), fmt.Sprintf("%+v", &cfg),
		fmt.Sprint(c), fmt.Sprintf("%+v", c), fmt.Sprintf("%#v", c),
		fmt.Sprintf("%+v", struct{ M meethour.Config }{cfg}),
		logged.String(),
	} {
		assert.NotContains(t, out, cfg.ClientSecret)
		assert.NotContains(t, out, cfg.Password)
		assert.Contains(t, out, "client-id", "the rest stays readable")
	}
	assert.Equal(t, "meethour.Config{BaseURL: ClientID:client-id ClientSecret:[redacted] Username:owner@example.com Password:[redacted] APIKey:api-key Timeout:0s}", cfg.String())
	assert.Contains(t, logged.String(), "meethour.client_secret=[redacted]")
	assert.Contains(t, meethour.Config{}.String(), "ClientSecret:<empty>")
}

func TestNewRefusesBadConfig(t *testing.T) {
	for name, tc := range map[string]struct {
		edit func(*meethour.Config)
		want string
	}{
		"no secret":    {func(c *meethour.Config) { c.ClientSecret = "" }, "ClientSecret required"},
		"no creds":     {func(c *meethour.Config) { c.Username, c.Password = "", "" }, "Username, Password required"},
		"plain http":   {func(c *meethour.Config) { c.BaseURL = "http://api.meethour.io" }, "must use https"},
		"other scheme": {func(c *meethour.Config) { c.BaseURL = "ftp://api.meethour.io" }, "must use https"},
		"path":         {func(c *meethour.Config) { c.BaseURL = "https://api.meethour.io/api" }, "must be an origin"},
		"userinfo":     {func(c *meethour.Config) { c.BaseURL = "https://u:p@api.meethour.io" }, "must be an origin"},
		"no host":      {func(c *meethour.Config) { c.BaseURL = "api.meethour.io" }, "must be an origin"},
		"neg timeout":  {func(c *meethour.Config) { c.Timeout = -1 }, "negative Timeout"},
	} {
		t.Run(name, func(t *testing.T) {
			cfg := validConfig()
			tc.edit(&cfg)
			_, err := meethour.New(cfg)
			require.ErrorContains(t, err, tc.want)
			assert.NotContains(t, err.Error(), "s3cret-client-value")
			assert.NotContains(t, err.Error(), "pa55word-value")
		})
	}
	for _, base := range []string{"", "https://api.meethour.io", "https://api.meethour.io/", "http://127.0.0.1:8080", "http://localhost:1", "http://[::1]:2"} {
		cfg := validConfig()
		cfg.BaseURL = base
		_, err := meethour.New(cfg)
		assert.NoError(t, err, base)
	}
}

func TestScriptURL(t *testing.T) {
	assert.Equal(t, "https://api.meethour.io/libs/v2.4.6/external_api.min.js?apiKey=k%26x%3D1", meethour.ScriptURL("k&x=1"))
}
