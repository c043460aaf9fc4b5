package vonage

import (
	"context"
	"encoding/json"
	"fmt"
	"iter"
	"net/http"
	"net/url"
	"strconv"
)

// DefaultPageSize is the page size Vonage uses when ListOptions leaves it
// zero.
const DefaultPageSize = 20

// ListOptions select a page of rooms. Rooms are paged by their serial
// numbers (not their UUIDs); zero fields are not sent.
type ListOptions struct {
	// StartID and EndID bound the rooms' serial numbers.
	StartID, EndID int
	// PageSize is how many rooms a page holds; DefaultPageSize when zero.
	PageSize int
}

// PageLinks are the HAL links of a page.
type PageLinks struct {
	// First, Self, Next and Prev are the pages they name; Next is nil on
	// the last page.
	First *Link `json:"first,omitempty"`
	Self  *Link `json:"self,omitempty"`
	Next  *Link `json:"next,omitempty"`
	Prev  *Link `json:"prev,omitempty"`
}

// RoomPage is one page of rooms.
type RoomPage struct {
	// PageSize and TotalItems are as Vonage reports them.
	PageSize   int `json:"page_size"`
	TotalItems int `json:"total_items"`
	// Rooms are the page's rooms.
	Rooms []Room `json:"-"`
	// Links lead to the other pages.
	Links PageLinks `json:"_links"`
}

// UnmarshalJSON reads _embedded as the v1 API sends it, an array of rooms,
// and also as the beta's {"rooms": [...]}.
func (p *RoomPage) UnmarshalJSON(b []byte) error {
	type plain RoomPage
	var raw struct {
		plain
		Embedded json.RawMessage `json:"_embedded"`
	}
	if err := json.Unmarshal(b, &raw); err != nil {
		return err
	}
	*p = RoomPage(raw.plain)
	if len(raw.Embedded) == 0 || string(raw.Embedded) == "null" {
		return nil
	}
	if raw.Embedded[0] == '[' {
		return json.Unmarshal(raw.Embedded, &p.Rooms)
	}
	var beta struct {
		Rooms []Room `json:"rooms"`
	}
	if err := json.Unmarshal(raw.Embedded, &beta); err != nil {
		return err
	}
	p.Rooms = beta.Rooms
	return nil
}

// query encodes o.
func (o ListOptions) query(op string) (url.Values, error) {
	if o.StartID < 0 || o.EndID < 0 || o.PageSize < 0 {
		return nil, &ValidationError{Op: op, Field: "start_id, end_id, page_size", Reason: "may not be negative"}
	}
	q := url.Values{}
	for _, f := range []struct {
		name string
		v    int
	}{{"start_id", o.StartID}, {"end_id", o.EndID}, {"page_size", o.PageSize}} {
		if f.v != 0 {
			q.Set(f.name, strconv.Itoa(f.v))
		}
	}
	return q, nil
}

// ListRooms returns one page of the application's rooms (GET /rooms).
func (c *Client) ListRooms(ctx context.Context, o ListOptions) (RoomPage, error) {
	return c.roomPage(ctx, "list rooms", "/rooms", o)
}

// ThemeRooms returns one page of the rooms that use a theme
// (GET /themes/{id}/rooms).
func (c *Client) ThemeRooms(ctx context.Context, themeID string, o ListOptions) (RoomPage, error) {
	const op = "list theme rooms"
	p, err := pathID(op, "theme_id", themeID)
	if err != nil {
		return RoomPage{}, err
	}
	return c.roomPage(ctx, op, "/themes"+p+"/rooms", o)
}

// AllRooms yields every room from o's start on, following each page's next
// link; it stops at the first error, which it yields.
func (c *Client) AllRooms(ctx context.Context, o ListOptions) iter.Seq2[Room, error] {
	return c.allRooms(ctx, o, c.ListRooms)
}

// AllThemeRooms is AllRooms for the rooms of a theme.
func (c *Client) AllThemeRooms(ctx context.Context, themeID string, o ListOptions) iter.Seq2[Room, error] {
	return c.allRooms(ctx, o, func(ctx context.Context, o ListOptions) (RoomPage, error) {
		return c.ThemeRooms(ctx, themeID, o)
	})
}

// roomPage fetches one page.
func (c *Client) roomPage(ctx context.Context, op, path string, o ListOptions) (RoomPage, error) {
	q, err := o.query(op)
	if err != nil {
		return RoomPage{}, err
	}
	var page RoomPage
	err = c.do(ctx, call{op: op, method: http.MethodGet, path: path, query: q, out: &page})
	return page, err
}

// allRooms walks the pages that fetch returns.
func (c *Client) allRooms(ctx context.Context, o ListOptions, fetch func(context.Context, ListOptions) (RoomPage, error)) iter.Seq2[Room, error] {
	return func(yield func(Room, error) bool) {
		seen := map[int]bool{}
		for {
			page, err := fetch(ctx, o)
			if err != nil {
				yield(Room{}, err)
				return
			}
			for _, r := range page.Rooms {
				if !yield(r, nil) {
					return
				}
			}
			if page.Links.Next == nil || page.Links.Next.Href == "" || len(page.Rooms) == 0 {
				return
			}
			next, err := nextOptions(o, page.Links.Next.Href)
			if err != nil {
				yield(Room{}, err)
				return
			}
			if seen[next.StartID] || next.StartID == o.StartID {
				yield(Room{}, fmt.Errorf("vonage: list rooms: %w: the next link repeats start_id %d", ErrMalformedResponse, next.StartID))
				return
			}
			seen[o.StartID] = true
			o = next
		}
	}
}

// nextOptions takes start_id (and any end_id and page_size) from a next
// link; only its query is used, never its host.
func nextOptions(o ListOptions, href string) (ListOptions, error) {
	u, err := url.Parse(href)
	if err != nil {
		return o, fmt.Errorf("vonage: list rooms: %w: next link %q: %w", ErrMalformedResponse, href, err)
	}
	q := u.Query()
	start, err := strconv.Atoi(q.Get("start_id"))
	if err != nil || start <= 0 {
		return o, fmt.Errorf("vonage: list rooms: %w: next link %q has no start_id", ErrMalformedResponse, href)
	}
	o.StartID = start
	for _, f := range []struct {
		name string
		into *int
	}{{"end_id", &o.EndID}, {"page_size", &o.PageSize}} {
		if v := q.Get(f.name); v != "" {
			n, err := strconv.Atoi(v)
			if err != nil || n < 0 {
				return o, fmt.Errorf("vonage: list rooms: %w: next link %q: bad %s", ErrMalformedResponse, href, f.name)
			}
			*f.into = n
		}
	}
	return o, nil
}
