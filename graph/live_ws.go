package graph

import (
	"encoding/json"
	"net/http"
	"time"

	"github.com/99designs/gqlgen/graphql/handler/transport"
)

// codedWebsocket accepts websockets with coder/websocket, as gqlgen's
// default does, and gives a code to the errors gqlgen's websocket
// transport writes by itself, past the error presenter: a subscribe
// message whose payload is not a GraphQL request gets a bare "invalid
// json", where every GraphQL error must carry extensions.code.
type codedWebsocket struct {
	transport.CoderWebsocketImplementation
}

func (c codedWebsocket) Accept(w http.ResponseWriter, r *http.Request, o transport.WebsocketAcceptOptions) (transport.WebsocketConn, error) {
	conn, err := c.CoderWebsocketImplementation.Accept(w, r, o)
	if err != nil {
		return nil, err
	}
	return codedConn{conn}, nil
}

// codedConn is a websocket whose error messages get codes. It keeps the
// read limit and deadline of the connection it wraps: gqlgen finds them
// by interface.
type codedConn struct {
	transport.WebsocketConn
}

var (
	_ transport.WebsocketReadLimiter   = codedConn{}
	_ transport.WebsocketReadDeadliner = codedConn{}
)

func (c codedConn) SetReadLimit(limit int64) {
	if l, ok := c.WebsocketConn.(transport.WebsocketReadLimiter); ok {
		l.SetReadLimit(limit)
	}
}

func (c codedConn) SetReadDeadline(t time.Time) error {
	if d, ok := c.WebsocketConn.(transport.WebsocketReadDeadliner); ok {
		return d.SetReadDeadline(t)
	}
	return nil
}

// wsMessage is a message of either websocket protocol, as written.
type wsMessage struct {
	Payload json.RawMessage `json:"payload,omitempty"`
	ID      string          `json:"id,omitempty"`
	Type    string          `json:"type"`
}

func (c codedConn) WriteJSON(v any) error {
	b, err := json.Marshal(v)
	if err != nil {
		return err
	}
	var m wsMessage
	if json.Unmarshal(b, &m) == nil && (m.Type == "error" || m.Type == "connection_error") {
		if p, ok := codeErrors(m.Payload); ok {
			m.Payload = p
			return c.WebsocketConn.WriteJSON(m)
		}
	}
	return c.WebsocketConn.WriteJSON(json.RawMessage(b))
}

// codeErrors gives BAD_USER_INPUT to the errors of an error message's
// payload (a list, or one error) that have no code, and says what gqlgen's
// "invalid json" means; ok is false when there was nothing to change.
func codeErrors(payload json.RawMessage) (json.RawMessage, bool) {
	var list []map[string]any
	single := false
	if json.Unmarshal(payload, &list) != nil {
		var one map[string]any
		if json.Unmarshal(payload, &one) != nil {
			return nil, false
		}
		list, single = []map[string]any{one}, true
	}
	changed := false
	for _, e := range list {
		ext, _ := e["extensions"].(map[string]any)
		if _, ok := ext["code"]; ok {
			continue
		}
		if ext == nil {
			ext = map[string]any{}
			e["extensions"] = ext
		}
		ext["code"] = CodeBadUserInput
		if e["message"] == "invalid json" {
			e["message"] = `the message's payload is not a GraphQL request: send a JSON object such as {"query": "subscription { changes { cursor } }", "variables": {}}`
		}
		changed = true
	}
	if !changed {
		return nil, false
	}
	var out []byte
	var err error
	if single {
		out, err = json.Marshal(list[0])
	} else {
		out, err = json.Marshal(list)
	}
	return out, err == nil
}
