package meethour

import (
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
)

func TestPCodeFromJoinURL(t *testing.T) {
	assert.Equal(t, "ab12", pcodeFromJoinURL("https://meethour.io/MHR240416944?pcode=ab12"))
	assert.Equal(t, "", pcodeFromJoinURL("https://meethour.io/MHR240416944"))
	assert.Equal(t, "", pcodeFromJoinURL("%zz"))
	d := meetingData{JoinURL: "https://meethour.io/MHR1?pcode=from-url"}
	assert.Equal(t, "from-url", d.meeting("MHR1").PCode)
	d.PCode = "from-field"
	assert.Equal(t, "from-field", d.meeting("MHR1").PCode)
}

func TestScrub(t *testing.T) {
	c := &Client{cfg: Config{ClientSecret: "cs-123", Password: "pw-456"}, last: &accessToken{Access: "at-789", Refresh: "rt-000"}}
	got := c.scrub("bad cs-123 pw-456 at-789 rt-000\nnext")
	assert.Equal(t, "bad [redacted] [redacted] [redacted] [redacted] next", got)
	long := c.scrub(strings.Repeat("é", 400))
	assert.Equal(t, maxMessageRunes+1, len([]rune(long)))
}

func TestJSONHelpers(t *testing.T) {
	assert.Equal(t, 422, jsonInt([]byte(`422`)))
	assert.Equal(t, 422, jsonInt([]byte(`"422"`)))
	assert.Equal(t, 0, jsonInt([]byte(`"x"`)))
	assert.Equal(t, 0, jsonInt(nil))
	assert.Equal(t, "m", jsonString([]byte(`"m"`)))
	assert.Equal(t, "", jsonString([]byte(`{"a":1}`)))
}
