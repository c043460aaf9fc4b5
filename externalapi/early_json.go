package externalapi

import (
	"bytes"
	"encoding/json"
	"errors"
	"fmt"
)

// errPlainJSON reports a plain tree with a value plainValue never gives.
var errPlainJSON = errors.New("externalapi: not a plain value")

// plainJSON writes a plainValue tree as JSON, keeping the order of object
// keys (the browser build hands the tree to JavaScript as values instead).
// Strings and numbers are written by encoding/json, which escapes <, > and &;
// a json.RawMessage is compacted and escaped the same way, so that the
// result is safe inside an HTML script element.
func plainJSON(p any) ([]byte, error) {
	var b bytes.Buffer
	if err := appendPlainJSON(&b, p); err != nil {
		return nil, err
	}
	return b.Bytes(), nil
}

// appendPlainJSON writes p to b.
func appendPlainJSON(b *bytes.Buffer, p any) error {
	switch p := p.(type) {
	case plainObject:
		b.WriteByte('{')
		for i, m := range p {
			if i > 0 {
				b.WriteByte(',')
			}
			if err := appendPlainJSON(b, m.key); err != nil {
				return err
			}
			b.WriteByte(':')
			if err := appendPlainJSON(b, m.value); err != nil {
				return fmt.Errorf("%s: %w", m.key, err)
			}
		}
		b.WriteByte('}')
		return nil
	case []any:
		b.WriteByte('[')
		for i, e := range p {
			if i > 0 {
				b.WriteByte(',')
			}
			if err := appendPlainJSON(b, e); err != nil {
				return err
			}
		}
		b.WriteByte(']')
		return nil
	case rawJSON:
		var c bytes.Buffer
		if err := json.Compact(&c, p); err != nil {
			return err
		}
		json.HTMLEscape(b, c.Bytes())
		return nil
	case nil, bool, float64, string:
		v, err := json.Marshal(p)
		if err != nil {
			return err
		}
		b.Write(v)
		return nil
	}
	return fmt.Errorf("%w: %T", errPlainJSON, p)
}
