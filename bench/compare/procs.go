package main

import (
	"bufio"
	"context"
	"crypto/rand"
	"encoding/hex"
	"fmt"
	"io"
	"net"
	"net/http"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"time"
)

// The servers the bench talks to are child processes on 127.0.0.1: ecograph
// (the binary built from this repository, as users run it) on each store,
// and the Node peer. Each is stopped when the run ends.

// proc is a started server.
type proc struct {
	name string
	cmd  *exec.Cmd
	url  string // its GraphQL endpoint
	done chan struct{}
}

// stop ends the server and waits for it.
func (p *proc) stop() {
	if p == nil || p.cmd.Process == nil {
		return
	}
	_ = p.cmd.Process.Signal(os.Interrupt)
	select {
	case <-p.done:
	case <-time.After(10 * time.Second):
		_ = p.cmd.Process.Kill()
		<-p.done
	}
}

// freePort asks the kernel for a port on 127.0.0.1 that nothing holds.
func freePort() (int, error) {
	l, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		return 0, err
	}
	defer l.Close()
	return l.Addr().(*net.TCPAddr).Port, nil
}

// buildEcograph builds the ecograph binary of the repository at root into dir.
func buildEcograph(ctx context.Context, root, dir string) (string, error) {
	bin := filepath.Join(dir, "ecograph")
	cmd := exec.CommandContext(ctx, "go", "build", "-o", bin, ".")
	cmd.Dir = root
	cmd.Stderr = os.Stderr
	if err := cmd.Run(); err != nil {
		return "", fmt.Errorf("building ecograph: %w", err)
	}
	return bin, nil
}

// apiKey is a fresh key for the ecograph servers' mutations.
func apiKey() string {
	var b [16]byte
	_, _ = rand.Read(b[:])
	return "bench-" + hex.EncodeToString(b[:])
}

// startEcograph runs `ecograph serve` with args and env added to this
// process's environment, logging to logPath, and waits until /readyz says
// it is ready.
func startEcograph(ctx context.Context, name, bin, logPath string, env []string, args ...string) (*proc, error) {
	port, err := freePort()
	if err != nil {
		return nil, err
	}
	addr := fmt.Sprintf("127.0.0.1:%d", port)
	cmd := exec.Command(bin, append([]string{"serve", "--addr", addr, "--seed=false"}, args...)...)
	cmd.Env = append(os.Environ(), env...)
	p, err := startLogged(name, cmd, logPath)
	if err != nil {
		return nil, err
	}
	p.url = "http://" + addr + "/graphql"
	if err := waitReady(ctx, p, "http://"+addr+"/readyz", nil); err != nil {
		p.stop()
		return nil, err
	}
	return p, nil
}

// startPeer runs the Node peer (bench/peer/server.mjs) on the Neo4j that
// env names and waits until it answers { __typename }.
func startPeer(ctx context.Context, root, logPath string, env []string) (*proc, error) {
	dir := filepath.Join(root, "bench", "peer")
	if _, err := os.Stat(filepath.Join(dir, "node_modules", "@neo4j", "graphql")); err != nil {
		return nil, fmt.Errorf("the peer's packages are not installed: run scripts/bench-compare, or (cd bench/peer && npm ci)")
	}
	port, err := freePort()
	if err != nil {
		return nil, err
	}
	cmd := exec.Command("node", "server.mjs")
	cmd.Dir = dir
	cmd.Env = append(os.Environ(), append(env, fmt.Sprintf("PEER_PORT=%d", port), "NODE_ENV=production")...)
	p, err := startLogged("peer", cmd, logPath)
	if err != nil {
		return nil, err
	}
	p.url = fmt.Sprintf("http://127.0.0.1:%d/", port)
	probe := func() bool {
		_, err := newClient(p.url, nil).do(ctx, "{ __typename }", nil)
		return err == nil
	}
	if err := waitReady(ctx, p, "", probe); err != nil {
		p.stop()
		return nil, err
	}
	return p, nil
}

func startLogged(name string, cmd *exec.Cmd, logPath string) (*proc, error) {
	log, err := os.Create(logPath)
	if err != nil {
		return nil, err
	}
	cmd.Stdout, cmd.Stderr = log, log
	if err := cmd.Start(); err != nil {
		_ = log.Close()
		return nil, fmt.Errorf("starting %s: %w", name, err)
	}
	p := &proc{name: name, cmd: cmd, done: make(chan struct{})}
	go func() {
		_ = cmd.Wait()
		_ = log.Close()
		close(p.done)
	}()
	return p, nil
}

// waitReady polls url (200 is ready) or probe for up to two minutes, and
// fails with the end of the server's log if it exits first.
func waitReady(ctx context.Context, p *proc, url string, probe func() bool) error {
	deadline := time.Now().Add(2 * time.Minute)
	for time.Now().Before(deadline) {
		select {
		case <-p.done:
			return fmt.Errorf("%s exited before it was ready: %s", p.name, tail(p.cmd.Stdout))
		case <-ctx.Done():
			return ctx.Err()
		case <-time.After(200 * time.Millisecond):
		}
		if probe != nil {
			if probe() {
				return nil
			}
			continue
		}
		if resp, err := http.Get(url); err == nil {
			_ = resp.Body.Close()
			if resp.StatusCode == http.StatusOK {
				return nil
			}
		}
	}
	return fmt.Errorf("%s was not ready within two minutes: %s", p.name, tail(p.cmd.Stdout))
}

// tail is the last lines a server logged, for an error message.
func tail(w io.Writer) string {
	f, ok := w.(*os.File)
	if !ok {
		return ""
	}
	r, err := os.Open(f.Name())
	if err != nil {
		return ""
	}
	defer r.Close()
	var lines []string
	s := bufio.NewScanner(r)
	for s.Scan() {
		lines = append(lines, s.Text())
		if len(lines) > 10 {
			lines = lines[1:]
		}
	}
	return strings.Join(lines, "\n")
}
