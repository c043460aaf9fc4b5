package vonage_test

import (
	"bytes"
	"context"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/meetbridge/meetbridge/vonage"
	"github.com/meetbridge/meetbridge/vonage/vonagetest"
)

func TestThemesLifecycle(t *testing.T) {
	ctx := context.Background()
	c, fake := newClient(t, vonagetest.Config{})
	th, err := c.CreateTheme(ctx, vonage.CreateThemeRequest{MainColor: "#f0a", BrandText: "Acme", ThemeName: "acme", ShortCompanyURL: "acme"})
	require.NoError(t, err)
	assert.NotEmpty(t, th.ThemeID)
	assert.Equal(t, vonagetest.ApplicationID, th.ApplicationID)
	assert.Equal(t, vonage.DomainVCP, th.Domain)

	_, err = c.CreateTheme(ctx, vonage.CreateThemeRequest{MainColor: "#000", BrandText: "Other", ThemeName: "acme"})
	var ae *vonage.APIError
	require.ErrorAs(t, err, &ae)
	assert.Equal(t, 409, ae.Status, "a duplicate name conflicts")

	got, err := c.Theme(ctx, th.ThemeID)
	require.NoError(t, err)
	assert.Equal(t, "Acme", got.BrandText)

	up, err := c.UpdateTheme(ctx, th.ThemeID, vonage.ThemeUpdate{MainColor: "#00ff00", BrandText: "Acme Ltd"})
	require.NoError(t, err)
	assert.Equal(t, "#00ff00", up.MainColor)
	assert.Equal(t, "acme", up.ThemeName, "fields not sent are kept")

	all, err := c.Themes(ctx)
	require.NoError(t, err)
	require.Len(t, all, 1)
	assert.Equal(t, "Acme Ltd", all[0].BrandText)

	app, err := c.SetDefaultTheme(ctx, th.ThemeID)
	require.NoError(t, err)
	assert.Equal(t, th.ThemeID, app.DefaultThemeID)
	assert.Equal(t, vonagetest.ApplicationID, app.ApplicationID)
	assert.Equal(t, th.ThemeID, fake.DefaultTheme())

	// Rooms created now take the default theme, and are the theme's rooms.
	for range 3 {
		_, err := c.CreateRoom(ctx, vonage.CreateRoomRequest{DisplayName: "themed"})
		require.NoError(t, err)
	}
	page, err := c.ThemeRooms(ctx, th.ThemeID, vonage.ListOptions{PageSize: 2})
	require.NoError(t, err)
	assert.Len(t, page.Rooms, 2)
	n := 0
	for r, err := range c.AllThemeRooms(ctx, th.ThemeID, vonage.ListOptions{PageSize: 2}) {
		require.NoError(t, err)
		assert.Equal(t, th.ThemeID, r.ThemeID)
		n++
	}
	assert.Equal(t, 3, n)

	// In use: refused unless forced.
	err = c.DeleteTheme(ctx, th.ThemeID, false)
	require.ErrorAs(t, err, &ae)
	assert.Equal(t, 400, ae.Status)
	assert.Equal(t, "could not delete theme", ae.Message)
	require.NoError(t, c.DeleteTheme(ctx, th.ThemeID, true))
	_, err = c.Theme(ctx, th.ThemeID)
	assert.ErrorIs(t, err, vonage.ErrNotFound)
}

func TestThemeRequestsAreValidatedBeforeSending(t *testing.T) {
	ctx := context.Background()
	c, fake := newClient(t, vonagetest.Config{})
	for _, tc := range []struct {
		req   vonage.CreateThemeRequest
		field string
	}{
		{vonage.CreateThemeRequest{MainColor: "red", BrandText: "x"}, "main_color"},
		{vonage.CreateThemeRequest{MainColor: "#12345", BrandText: "x"}, "main_color"},
		{vonage.CreateThemeRequest{MainColor: "#123"}, "brand_text"},
		{vonage.CreateThemeRequest{MainColor: "#123", BrandText: "x", ShortCompanyURL: string(bytes.Repeat([]byte("u"), 129))}, "short_company_url"},
	} {
		_, err := c.CreateTheme(ctx, tc.req)
		var ve *vonage.ValidationError
		require.ErrorAs(t, err, &ve, "%+v", tc.req)
		assert.Equal(t, tc.field, ve.Field)
	}
	_, err := c.UpdateTheme(ctx, "0b0b0b0b-0000-4000-8000-000000000000", vonage.ThemeUpdate{})
	assert.ErrorIs(t, err, vonage.ErrInvalidRequest)
	_, err = c.UpdateTheme(ctx, "0b0b0b0b-0000-4000-8000-000000000000", vonage.ThemeUpdate{MainColor: "#ggg"})
	assert.ErrorIs(t, err, vonage.ErrInvalidRequest)
	_, err = c.SetDefaultTheme(ctx, "not-a-uuid")
	assert.ErrorIs(t, err, vonage.ErrInvalidRequest)
	assert.Empty(t, fake.Requests())
}

func TestSetThemeLogoRunsTheThreeSteps(t *testing.T) {
	ctx := context.Background()
	c, fake := newClient(t, vonagetest.Config{})
	th, err := c.CreateTheme(ctx, vonage.CreateThemeRequest{MainColor: "#123456", BrandText: "Acme"})
	require.NoError(t, err)
	require.NoError(t, c.SetThemeLogo(ctx, th.ThemeID, vonage.LogoWhite, bytes.NewReader(pngOf(t, 64, 32))))
	got, err := c.Theme(ctx, th.ThemeID)
	require.NoError(t, err)
	assert.Contains(t, got.BrandImageWhite, "/logos/white/")
	assert.Contains(t, got.BrandImageWhiteURL, got.BrandImageWhite)
	assert.Empty(t, got.BrandImageColored)

	var paths []string
	for _, r := range fake.Requests() {
		paths = append(paths, r.Method+" "+r.Path)
	}
	assert.Contains(t, paths, "GET /themes/logos-upload-urls")
	assert.Contains(t, paths, "PUT /themes/"+th.ThemeID+"/finalizeLogos")

	err = c.SetThemeLogo(ctx, th.ThemeID, "huge", bytes.NewReader(nil))
	assert.ErrorIs(t, err, vonage.ErrInvalidRequest)

	// No logo at all is a clear error, not a panic, and sends nothing.
	before := len(fake.Requests())
	assert.ErrorIs(t, c.SetThemeLogo(ctx, th.ThemeID, vonage.LogoWhite, nil), vonage.ErrInvalidRequest)
	assert.Len(t, fake.Requests(), before)
	targets, err := c.LogoUploadURLs(ctx)
	require.NoError(t, err)
	assert.ErrorIs(t, c.UploadLogo(ctx, targets[0], nil), vonage.ErrInvalidRequest)
}

func TestLogoUploadChecksTheSignedFormAndFinalizeReportsBadLogos(t *testing.T) {
	ctx := context.Background()
	c, fake := newClient(t, vonagetest.Config{})
	th, err := c.CreateTheme(ctx, vonage.CreateThemeRequest{MainColor: "#123456", BrandText: "Acme"})
	require.NoError(t, err)
	targets, err := c.LogoUploadURLs(ctx)
	require.NoError(t, err)
	require.Len(t, targets, 3)
	var types []vonage.LogoType
	for _, tg := range targets {
		types = append(types, tg.LogoType())
		for _, f := range []string{"Content-Type", "key", "logoType", "bucket", "X-Amz-Algorithm", "X-Amz-Credential", "X-Amz-Date", "X-Amz-Security-Token", "Policy", "X-Amz-Signature"} {
			assert.NotEmpty(t, tg.Fields[f], "field %s", f)
		}
	}
	assert.ElementsMatch(t, []vonage.LogoType{vonage.LogoWhite, vonage.LogoColored, vonage.LogoFavicon}, types)

	// A changed signature is refused by the storage.
	tampered := vonage.LogoUploadTarget{URL: targets[0].URL, Fields: map[string]string{}}
	for k, v := range targets[0].Fields {
		tampered.Fields[k] = v
	}
	tampered.Fields["X-Amz-Signature"] = "forged"
	err = c.UploadLogo(ctx, tampered, bytes.NewReader(pngOf(t, 10, 10)))
	var ae *vonage.APIError
	require.ErrorAs(t, err, &ae)
	assert.Equal(t, 403, ae.Status)
	assert.Contains(t, ae.Message, "X-Amz-Signature")

	// Not a PNG, too large in pixels, never uploaded: each named.
	require.NoError(t, c.UploadLogo(ctx, targets[0], bytes.NewReader([]byte("GIF89a not a png"))))
	require.NoError(t, c.UploadLogo(ctx, targets[1], bytes.NewReader(pngOf(t, 1200, 10))))
	stored, ok := fake.Logo(targets[0].Key())
	require.True(t, ok)
	assert.Equal(t, "GIF89a not a png", string(stored))
	err = c.FinalizeLogos(ctx, th.ThemeID, targets[0].Key(), targets[1].Key(), targets[2].Key())
	require.ErrorAs(t, err, &ae)
	assert.Equal(t, "could not finalize logos", ae.Message)
	require.Len(t, ae.Errors, 3)
	assert.Equal(t, vonage.ErrorDetail{LogoKey: targets[0].Key(), Code: "invalid_logo_properties", InvalidProperty: "type"}, ae.Errors[0])
	assert.Equal(t, "dimensions", ae.Errors[1].InvalidProperty)
	assert.Equal(t, "key_not_found", ae.Errors[2].Code)
	assert.Contains(t, err.Error(), "key_not_found")

	assert.ErrorIs(t, c.FinalizeLogos(ctx, th.ThemeID), vonage.ErrInvalidRequest)
	assert.ErrorIs(t, c.UploadLogo(ctx, vonage.LogoUploadTarget{URL: "ftp://x", Fields: targets[0].Fields}, bytes.NewReader(nil)), vonage.ErrInvalidRequest)
}
