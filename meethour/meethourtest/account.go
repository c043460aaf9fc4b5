package meethourtest

import "net/http"

// Timezones are the timezones the fake offers and accepts.
var Timezones = []struct{ Name, Value string }{
	{"(GMT+00:00) UTC", "UTC"},
	{"(GMT+05:30) Asia/Kolkata", "Asia/Kolkata"},
	{"(GMT+01:00) Europe/Paris", "Europe/Paris"},
	{"(GMT-05:00) America/New_York", "America/New_York"},
}

// knownTimezone reports whether the fake accepts tz.
func knownTimezone(tz string) bool {
	for _, z := range Timezones {
		if z.Value == tz {
			return true
		}
	}
	return false
}

// userDetails serves /api/v1.2/customer/user_details.
func (s *Server) userDetails(w http.ResponseWriter, r *http.Request) {
	var b struct{}
	if !decode(w, r, &b) {
		return
	}
	writeJSON(w, http.StatusOK, map[string]any{
		"success": true, "code": 200, "message": "User details.",
		"data": map[string]any{"id": 1, "name": "Owner", "email": s.cfg.Username},
	})
}

// timezones serves /api/v1.2/getTimezone.
func (s *Server) timezones(w http.ResponseWriter, r *http.Request) {
	var b struct{}
	if !decode(w, r, &b) {
		return
	}
	zones := make([]map[string]string, len(Timezones))
	for i, z := range Timezones {
		zones[i] = map[string]string{"name": z.Name, "value": z.Value}
	}
	writeJSON(w, http.StatusOK, map[string]any{"success": true, "message": "Timezones.", "timezones": zones})
}
