package vonagetest

import (
	"bytes"
	"crypto/rand"
	"fmt"
	"image/png"
	"io"
	"net/http"
	"sort"
	"strings"
)

// Logo limits the fake checks when finalizing.
const (
	// MaxLogoBytes is the largest logo finalizeLogos accepts.
	MaxLogoBytes = 1 << 20
	// MaxLogoSide is the largest width or height, in pixels.
	MaxLogoSide = 1000
)

// bucket is the fake storage's bucket.
const bucket = "meetings-logos-fake"

// logoTypes are the logos of a theme, in the order the targets come.
var logoTypes = []string{"white", "colored", "favicon"}

// upload is an upload target the fake handed out, and the file once
// posted.
type upload struct {
	fields   map[string]string
	data     []byte
	uploaded bool
}

// target is one entry of GET /themes/logos-upload-urls.
type target struct {
	URL    string            `json:"url"`
	Fields map[string]string `json:"fields"`
}

// logoUploadURLs serves GET /themes/logos-upload-urls: one signed S3-style
// form per logo type.
func (s *Server) logoUploadURLs(*http.Request) (int, any, *apiError) {
	s.mu.Lock()
	defer s.mu.Unlock()
	out := make([]target, 0, len(logoTypes))
	now := s.cfg.Now().UTC()
	for _, typ := range logoTypes {
		key := "auto-expiring-temp/logos/" + typ + "/" + strings.ToLower(rand.Text())
		fields := map[string]string{
			"Content-Type":         "image/png",
			"key":                  key,
			"logoType":             typ,
			"bucket":               bucket,
			"X-Amz-Algorithm":      "AWS4-HMAC-SHA256",
			"X-Amz-Credential":     "FAKEKEY/" + now.Format("20060102") + "/eu-west-1/s3/aws4_request",
			"X-Amz-Date":           now.Format("20060102T150405Z"),
			"X-Amz-Security-Token": rand.Text(),
			"Policy":               rand.Text(),
			"X-Amz-Signature":      strings.ToLower(rand.Text()),
		}
		s.uploads[key] = &upload{fields: fields}
		out = append(out, target{URL: s.origin + "/storage/" + bucket, Fields: fields})
	}
	return http.StatusOK, out, nil
}

// storageUpload is the fake S3: a multipart POST with every field of one
// target, unchanged, and then the file. It answers 204 like S3 with
// success_action_status unset, or 403 with an S3-style XML error.
func (s *Server) storageUpload(w http.ResponseWriter, r *http.Request) {
	deny := func(status int, code, msg string) {
		w.Header().Set("Content-Type", "application/xml")
		w.WriteHeader(status)
		fmt.Fprintf(w, "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<Error><Code>%s</Code><Message>%s</Message></Error>", code, msg)
	}
	if r.Header.Get("Authorization") != "" {
		deny(http.StatusBadRequest, "InvalidArgument", "Only one auth mechanism allowed; the form is signed")
		return
	}
	mr, err := r.MultipartReader()
	if err != nil {
		deny(http.StatusBadRequest, "MalformedPOSTRequest", "The body of your POST request is not well-formed multipart/form-data.")
		return
	}
	got := map[string]string{}
	var file []byte
	for {
		part, err := mr.NextPart()
		if err == io.EOF {
			break
		}
		if err != nil {
			deny(http.StatusBadRequest, "MalformedPOSTRequest", "The body of your POST request is not well-formed multipart/form-data.")
			return
		}
		b, err := io.ReadAll(io.LimitReader(part, 10<<20))
		if err != nil {
			deny(http.StatusBadRequest, "IncompleteBody", "The request body could not be read.")
			return
		}
		if part.FormName() == "file" {
			file = b
			break // S3 ignores whatever follows the file
		}
		got[part.FormName()] = string(b)
	}
	s.mu.Lock()
	defer s.mu.Unlock()
	up, ok := s.uploads[got["key"]]
	switch {
	case file == nil:
		deny(http.StatusBadRequest, "InvalidArgument", "POST requires exactly one file upload per request.")
		return
	case !ok || r.PathValue("bucket") != bucket:
		deny(http.StatusForbidden, "AccessDenied", "Invalid according to Policy: Policy Condition failed: key")
		return
	}
	var missing []string
	for k, v := range up.fields {
		if got[k] != v {
			missing = append(missing, k)
		}
	}
	if len(missing) > 0 {
		sort.Strings(missing)
		deny(http.StatusForbidden, "AccessDenied", "Invalid according to Policy: fields missing or changed: "+strings.Join(missing, ", "))
		return
	}
	up.data, up.uploaded = file, true
	w.WriteHeader(http.StatusNoContent)
}

// finalizeLogos serves PUT /themes/{id}/finalizeLogos: each key must have
// been uploaded, as a PNG within the limits.
func (s *Server) finalizeLogos(r *http.Request) (int, any, *apiError) {
	var b struct {
		Keys []string `json:"keys"`
	}
	if e := decodeBody(r, &b); e != nil {
		return 0, nil, e
	}
	if len(b.Keys) == 0 {
		return 0, nil, fail(http.StatusBadRequest, "keys is required")
	}
	s.mu.Lock()
	defer s.mu.Unlock()
	t, ok := s.themes[r.PathValue("id")]
	if !ok {
		return 0, nil, fail(http.StatusNotFound, "Theme %s not found", r.PathValue("id"))
	}
	var problems []any
	for _, k := range b.Keys {
		up, ok := s.uploads[k]
		if !ok || !up.uploaded {
			problems = append(problems, map[string]string{"logoKey": k, "code": "key_not_found"})
			continue
		}
		if prop := logoProblem(up.data); prop != "" {
			problems = append(problems, map[string]string{"logoKey": k, "code": "invalid_logo_properties", "invalidProperty": prop})
		}
	}
	if len(problems) > 0 {
		e := fail(http.StatusBadRequest, "could not finalize logos")
		e.errors = problems
		return 0, nil, e
	}
	for _, k := range b.Keys {
		up := s.uploads[k]
		u := "https://" + bucket + ".s3.amazonaws.com/" + k
		switch up.fields["logoType"] {
		case "white":
			t.BrandImageWhite, t.BrandImageWhiteURL = k, u
		case "colored":
			t.BrandImageColored, t.BrandImageColoredURL = k, u
		case "favicon":
			t.BrandedFavicon, t.BrandedFaviconURL = k, u
		}
		delete(s.uploads, k)
	}
	return http.StatusOK, nil, nil
}

// logoProblem names what is wrong with a logo, or "".
func logoProblem(data []byte) string {
	if len(data) > MaxLogoBytes {
		return "exceeds_size"
	}
	cfg, err := png.DecodeConfig(bytes.NewReader(data))
	if err != nil {
		return "type"
	}
	if cfg.Width > MaxLogoSide || cfg.Height > MaxLogoSide || cfg.Width == 0 || cfg.Height == 0 {
		return "dimensions"
	}
	return ""
}

// Logo returns the bytes of an uploaded logo by key, before it is
// finalized.
func (s *Server) Logo(key string) ([]byte, bool) {
	s.mu.Lock()
	defer s.mu.Unlock()
	up, ok := s.uploads[key]
	if !ok || !up.uploaded {
		return nil, false
	}
	return append([]byte(nil), up.data...), true
}
