//go:build !js

package e2e

import (
	"fmt"
	"testing"

	"github.com/chromedp/chromedp"
)

// consoleCrowd is how many control-played participants the console
// benchmark brings in per iteration.
const consoleCrowd = 100

// BenchmarkConsoleFollowsACrowd measures how fast the moderator console
// absorbs a crowd: each iteration, consoleCrowd control-played people join
// the console's room and each toggles mute three times (on, off, on); the
// clock stops once the console lists all of them with their mic-off badge,
// and the list is then checked against the meeting. The figure is the
// meeting's events absorbed per second (joins and mutes, as the console
// page's bridge receives them through the sandbox, then go-app's dispatch
// and re-render), the control's HTTP requests included.
func BenchmarkConsoleFollowsACrowd(b *testing.B) {
	base := startProduct(b)
	mod := newTab(b, base+"/console")
	mod.signInAndJoin("crowd")
	mod.until(frame + `.meeting.joined`)
	events := 0
	b.ResetTimer()
	for i := range b.N {
		ids := make([]string, consoleCrowd)
		for j := range ids {
			ids[j] = fmt.Sprintf("c%03d%04d", i%1000, j)
			control(b, base, "crowd", fmt.Sprintf(`{"action":"join","id":%q,"name":"Person %d"}`, ids[j], j))
		}
		for _, muted := range []bool{true, false, true} {
			for _, id := range ids {
				control(b, base, "crowd", fmt.Sprintf(`{"action":"mute","id":%q,"mediaType":"audio","muted":%t}`, id, muted))
			}
		}
		events += 4 * consoleCrowd
		everyone := consoleCrowd * (i + 1)
		mod.until(fmt.Sprintf(`document.querySelectorAll('.console li.participant .badge.audio-muted').length === %d`, everyone))
		b.StopTimer()
		var listed int
		mod.run(chromedp.Evaluate(`document.querySelectorAll('.console li.participant').length`, &listed))
		if listed != everyone+1 {
			b.Fatalf("the console lists %d participants, the meeting has %d", listed, everyone+1)
		}
		b.StartTimer()
	}
	b.ReportMetric(float64(events)/b.Elapsed().Seconds(), "events/s")
}

// BenchmarkControlAlone is the control's share of the figure above: the
// same requests to a room no page is open on.
func BenchmarkControlAlone(b *testing.B) {
	base := startProduct(b)
	events := 0
	b.ResetTimer()
	for i := range b.N {
		for j := range consoleCrowd {
			id := fmt.Sprintf("c%03d%04d", i%1000, j)
			control(b, base, "nobody", fmt.Sprintf(`{"action":"join","id":%q,"name":"Person %d"}`, id, j))
			for _, muted := range []bool{true, false, true} {
				control(b, base, "nobody", fmt.Sprintf(`{"action":"mute","id":%q,"mediaType":"audio","muted":%t}`, id, muted))
			}
		}
		events += 4 * consoleCrowd
	}
	b.ReportMetric(float64(events)/b.Elapsed().Seconds(), "events/s")
}
