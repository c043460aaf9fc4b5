package vonage_test

import (
	"bytes"
	"image"
	"image/color"
	"image/png"
	"testing"

	"github.com/stretchr/testify/require"

	"github.com/meetbridge/meetbridge/vonage"
	"github.com/meetbridge/meetbridge/vonage/vonagetest"
)

// newClient starts a fake and a client of it.
func newClient(t *testing.T, cfg vonagetest.Config) (*vonage.Client, *vonagetest.Server) {
	t.Helper()
	fake := vonagetest.NewServer(cfg)
	t.Cleanup(fake.Close)
	c, err := vonage.New(fake.ClientConfig())
	require.NoError(t, err)
	return c, fake
}

// pngOf encodes a w×h PNG.
func pngOf(t *testing.T, w, h int) []byte {
	t.Helper()
	img := image.NewNRGBA(image.Rect(0, 0, w, h))
	img.Set(0, 0, color.NRGBA{R: 255, A: 255})
	var b bytes.Buffer
	require.NoError(t, png.Encode(&b, img))
	return b.Bytes()
}
