package meethour

import (
	"context"
	"encoding/json"
	"fmt"
	"iter"
)

// maxPages stops an iterator whose answers never run out of pages.
const maxPages = 10000

// Paging is the paging part of a list answer.
type Paging struct {
	// TotalPages is total_pages: how many pages the list has at this
	// page size.
	TotalPages int
	// TotalRecords is total_records: how many items it has in all.
	TotalRecords int
}

// pagingWire is the paging of a list answer as sent: numbers, or strings
// holding numbers (the SDKs do not say which Meet Hour sends).
type pagingWire struct {
	TotalPages   json.RawMessage `json:"total_pages"`
	TotalRecords json.RawMessage `json:"total_records"`
}

// paging converts w.
func (w pagingWire) paging() Paging {
	return Paging{TotalPages: jsonInt(w.TotalPages), TotalRecords: jsonInt(w.TotalRecords)}
}

// ListOptions page a list: Page counts from 1 (0 means 1) and Limit is the
// page size (0 leaves Meet Hour's default).
type ListOptions struct {
	Limit, Page int
}

// check refuses negative values.
func (o ListOptions) check() error {
	if o.Limit < 0 || o.Page < 0 {
		return fmt.Errorf("negative limit or page (%d, %d)", o.Limit, o.Page)
	}
	return nil
}

// allPages yields every item of a paged list, from page first on, asking
// for one page at a time; it stops after the last page (total_pages), at
// an empty page, or at the first error, which it yields.
func allPages[T any](ctx context.Context, first int, fetch func(ctx context.Context, page int) ([]T, Paging, error)) iter.Seq2[T, error] {
	return func(yield func(T, error) bool) {
		var zero T
		for page := max(first, 1); ; page++ {
			if page-first >= maxPages {
				yield(zero, fmt.Errorf("meethour: more than %d pages: %w", maxPages, ErrMalformedResponse))
				return
			}
			items, p, err := fetch(ctx, page)
			if err != nil {
				yield(zero, err)
				return
			}
			for _, it := range items {
				if !yield(it, nil) {
					return
				}
			}
			if len(items) == 0 || page >= p.TotalPages {
				return
			}
		}
	}
}

// boolInt is 1 for true, as Meet Hour's flags are ints.
func boolInt(b bool) int {
	if b {
		return 1
	}
	return 0
}

// Flag is a yes/no field that Meet Hour sends as a bool, a number or a
// string ("0", "1", "true").
type Flag bool

// UnmarshalJSON accepts true, false, 0, 1 and those as strings.
func (f *Flag) UnmarshalJSON(b []byte) error {
	var v any
	if err := json.Unmarshal(b, &v); err != nil {
		return err
	}
	switch x := v.(type) {
	case bool:
		*f = Flag(x)
	case float64:
		*f = x != 0
	case string:
		*f = x == "1" || x == "true"
	case nil:
		*f = false
	default:
		return fmt.Errorf("meethour: %s is not a flag", b)
	}
	return nil
}

// Text is a field that Meet Hour may send as a string or as a number, such
// as a recording's size; it keeps the text.
type Text string

// UnmarshalJSON accepts a string, a number or null.
func (t *Text) UnmarshalJSON(b []byte) error {
	var s string
	if json.Unmarshal(b, &s) == nil {
		*t = Text(s)
		return nil
	}
	var n json.Number
	if err := json.Unmarshal(b, &n); err != nil {
		if string(b) == "null" {
			*t = ""
			return nil
		}
		return fmt.Errorf("meethour: %s is not text", b)
	}
	*t = Text(n.String())
	return nil
}
