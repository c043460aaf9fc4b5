package meethour

import (
	"context"
	"encoding/json"
	"fmt"
	"iter"
)

const (
	opRecordings      = "videorecordinglist"
	opGetRecording    = "getsinglerecording"
	opDeleteRecording = "deleterecording"
)

// Recording storages: a filter of RecordingQuery and Recording.Storage.
const (
	StorageDropbox = "Dropbox"
	// StorageLocal is Meet Hour's own storage (meethour_recordings).
	StorageLocal  = "Local"
	StorageCustom = "Custom"
)

// Recording is a meeting's recording.
type Recording struct {
	ID   int64  `json:"recording_id"`
	Name string `json:"recording_name"`
	// Topic is the meeting's name.
	Topic string `json:"topic"`
	Date  string `json:"recording_date"`
	// Size is as Meet Hour writes it, such as "12.5 MB" or 13107200.
	Size Text `json:"recording_size"`
	// Path is the recording's link.
	Path     string `json:"recording_path"`
	Duration Text   `json:"duration"`
	Expiry   string `json:"recording_expiry"`
	// Storage is where it is kept: StorageDropbox, StorageLocal or
	// StorageCustom; empty from GetRecording.
	Storage string `json:"storage,omitempty"`
}

// RecordingQuery pages the recording list.
type RecordingQuery struct {
	ListOptions
	// FilterBy is StorageDropbox, StorageLocal, StorageCustom or empty
	// for all.
	FilterBy string
}

// RecordingPage is one page of recordings, by storage.
type RecordingPage struct {
	Paging
	Dropbox, MeetHour, Custom []Recording
}

// All returns the page's recordings of every storage, each with Storage
// set.
func (p RecordingPage) All() []Recording {
	var all []Recording
	for _, s := range []struct {
		name string
		recs []Recording
	}{{StorageDropbox, p.Dropbox}, {StorageLocal, p.MeetHour}, {StorageCustom, p.Custom}} {
		for _, r := range s.recs {
			r.Storage = s.name
			all = append(all, r)
		}
	}
	return all
}

// Recordings returns one page of the recording list.
func (c *Client) Recordings(ctx context.Context, q RecordingQuery) (RecordingPage, error) {
	if err := q.check(); err != nil {
		return RecordingPage{}, fmt.Errorf("meethour: %s: %w", opRecordings, err)
	}
	switch q.FilterBy {
	case "", StorageDropbox, StorageLocal, StorageCustom:
	default:
		return RecordingPage{}, fmt.Errorf("meethour: %s: FilterBy %q is not Dropbox, Local or Custom", opRecordings, q.FilterBy)
	}
	body := struct {
		FilterBy string `json:"filter_by,omitempty"`
		Limit    int    `json:"limit,omitempty"`
		Page     int    `json:"page,omitempty"`
	}{q.FilterBy, q.Limit, q.Page}
	var resp struct {
		pagingWire
		Dropbox  []Recording `json:"dropbox_recordings"`
		MeetHour []Recording `json:"meethour_recordings"`
		Custom   []Recording `json:"custom_recordings"`
	}
	if err := c.call(ctx, opRecordings, "/api/v1.2/customer/videorecordinglist", body, &resp); err != nil {
		return RecordingPage{}, err
	}
	return RecordingPage{Paging: resp.paging(), Dropbox: resp.Dropbox, MeetHour: resp.MeetHour, Custom: resp.Custom}, nil
}

// AllRecordings yields every recording, one page at a time from q.Page
// on; it stops at the first error, which it yields.
func (c *Client) AllRecordings(ctx context.Context, q RecordingQuery) iter.Seq2[Recording, error] {
	return allPages(ctx, q.Page, func(ctx context.Context, page int) ([]Recording, Paging, error) {
		q.Page = page
		p, err := c.Recordings(ctx, q)
		return p.All(), p.Paging, err
	})
}

// recordingIDBody is the body of the calls on one recording.
type recordingIDBody struct {
	RecordingID int64 `json:"recording_id"`
}

// GetRecording returns one recording (getsinglerecording, which only the
// PHP SDK knows and whose answer no SDK shows: it is read from data, or
// from recording).
func (c *Client) GetRecording(ctx context.Context, id int64) (Recording, error) {
	if id <= 0 {
		return Recording{}, fmt.Errorf("meethour: %s: recording id must be positive", opGetRecording)
	}
	var resp struct {
		Data      json.RawMessage `json:"data"`
		Recording json.RawMessage `json:"recording"`
	}
	if err := c.call(ctx, opGetRecording, "/api/v1.2/customer/getsinglerecording", recordingIDBody{id}, &resp); err != nil {
		return Recording{}, err
	}
	raw := resp.Data
	if len(raw) == 0 || string(raw) == "null" {
		raw = resp.Recording
	}
	var r Recording
	if len(raw) == 0 || json.Unmarshal(raw, &r) != nil || r.ID == 0 {
		return Recording{}, fmt.Errorf("meethour: %s: %w: no recording in data", opGetRecording, ErrMalformedResponse)
	}
	return r, nil
}

// DeleteRecording deletes a recording (deleterecording, PHP SDK only).
func (c *Client) DeleteRecording(ctx context.Context, id int64) error {
	if id <= 0 {
		return fmt.Errorf("meethour: %s: recording id must be positive", opDeleteRecording)
	}
	return c.call(ctx, opDeleteRecording, "/api/v1.2/customer/deleterecording", recordingIDBody{id}, &struct{}{})
}
