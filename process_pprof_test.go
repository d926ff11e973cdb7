package main

import (
	"io"
	"net/http"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"
)

// TestProcessServesProfilesOnlyWhereAsked starts the server with
// ECOGRAPH_PPROF: its CPU profile and command line answer on that address,
// and nothing of them on the API's.
func TestProcessServesProfilesOnlyWhereAsked(t *testing.T) {
	embeddedOnly(t)
	bin := buildBinary(t)
	addr, prof := freeAddr(t), freeAddr(t)
	srv := startProcess(t, bin, []string{"ECOGRAPH_ADDR=" + addr, "ECOGRAPH_DATA=" + filepath.Join(t.TempDir(), "e.db"), "ECOGRAPH_PPROF=" + prof}, "serve", "--seed=false")
	srv.waitReady(t, addr)
	for _, c := range []struct {
		url    string
		status int
		want   string
	}{
		{"http://" + prof + "/debug/pprof/cmdline", 200, "serve"},
		{"http://" + prof + "/debug/pprof/profile?seconds=1", 200, ""},
		{"http://" + addr + "/debug/pprof/cmdline", 404, ""},
	} {
		resp, err := http.Get(c.url)
		if err != nil {
			t.Fatal(err)
		}
		body, _ := io.ReadAll(resp.Body)
		resp.Body.Close()
		if resp.StatusCode != c.status || !strings.Contains(string(body), c.want) || (c.status == 200 && len(body) == 0) {
			t.Errorf("GET %s: %d, %d bytes; want %d with %q", c.url, resp.StatusCode, len(body), c.status, c.want)
		}
	}
}

// TestProcessRefusesProfilesBeyondLoopback: a profiling address that
// other machines could reach, or that is no address, stops the server
// before it opens its store, with the flag and the value named.
func TestProcessRefusesProfilesBeyondLoopback(t *testing.T) {
	embeddedOnly(t)
	bin := buildBinary(t)
	for _, v := range []string{"0.0.0.0:6060", ":6060", "192.0.2.1:6060", "127.0.0.1", "localhost:"} {
		data := filepath.Join(t.TempDir(), "e.db")
		cmd := exec.Command(bin, "serve", "--data", data, "--addr", freeAddr(t))
		cmd.Env = append(os.Environ(), "ECOGRAPH_PPROF="+v)
		out, err := cmd.CombinedOutput()
		if err == nil || !strings.Contains(string(out), `--pprof: "`+v+`" is not a loopback HOST:PORT`) {
			t.Errorf("ECOGRAPH_PPROF=%s: err %v, output %q", v, err, out)
		}
		if _, err := os.Stat(data); err == nil {
			t.Errorf("ECOGRAPH_PPROF=%s: the data file was created", v)
		}
	}
}
