package neo4j

import (
	"context"
	"strings"

	"github.com/ecograph/ecograph/internal/store"
)

// Relations pages through one actor's relations ordered by
// store.RelationKey, with the far-end actors and the total (COUNT
// subqueries, from Neo4j's degree counts), in one query: RelationsOf of
// one id.
func (s *Store) Relations(ctx context.Context, actorID string, f store.RelationFilter, p store.Page) (*store.RelationPage, error) {
	pages, err := s.RelationsOf(ctx, []string{actorID}, f, p)
	if err != nil {
		return nil, err
	}
	if pages[0] == nil {
		return nil, &store.NotFoundError{What: "actor", ID: actorID}
	}
	return pages[0], nil
}

// RelationsOf pages through the relations of each of actorIDs, one filter
// and page for all, in one statement: a record per actor found, with its
// total, its page as a list in the page's order, and the actor itself.
func (s *Store) RelationsOf(ctx context.Context, actorIDs []string, f store.RelationFilter, p store.Page) ([]*store.RelationPage, error) {
	params := map[string]any{"ids": actorIDs}
	total, pageExpr, err := relationPartOf(f, p, "first", params)
	if err != nil {
		return nil, err
	}
	out := make([]*store.RelationPage, len(actorIDs))
	if len(actorIDs) == 0 {
		return out, nil
	}
	query := "UNWIND $ids AS id MATCH (a:Actor {id: id}) USING INDEX SEEK a:Actor(id)" +
		" RETURN id, " + total + " AS total, " + pageExpr + " AS page, [" + actorColumns("a", p.SkipOwner) + "]"
	recs, err := s.query(ctx, query, params)
	if err != nil {
		return nil, err
	}
	byID := make(map[string]*store.RelationPage, len(recs))
	for _, rec := range recs {
		id := asString(rec.Values[0])
		page := relationPage(id, rec.Values[1], rec.Values[2], p)
		if owner := asList(rec.Values[3]); len(owner) == actorWidth(p.SkipOwner) && asString(owner[0]) != "" {
			page.Actor = decodeActorColumns(owner, p.SkipOwner)
		}
		byID[id] = page
	}
	for i, id := range actorIDs {
		out[i] = byID[id]
	}
	return out, nil
}

// relationPage decodes the page of actor id's relations that a statement
// returns as relationPart writes it for p: its total and its items, each
// the relation's columns, the far end's, then its direction, sort key
// and type (columns.go), cut at p.First.
func relationPage(id string, total, list any, p store.Page) *store.RelationPage {
	items := asList(list)
	first := max(p.First, 0)
	rw, aw := relationWidth(p.SkipRelation), actorWidth(p.Skip)
	page := &store.RelationPage{Edges: make([]store.RelationEdge, 0, len(items)), Total: asInt(total)}
	for _, item := range items {
		e := asList(item)
		if len(e) != rw+aw+3 || asString(e[rw]) == "" {
			continue // deleted while the statement read it
		}
		other := decodeActorColumns(e[rw:], p.Skip)
		dir := store.Direction(asString(e[rw+aw]))
		from, to := id, other.ID
		if dir == store.In {
			from, to = to, from
		}
		r := decodeRelationColumns(e, p.SkipRelation, asString(e[rw+aw+2]), from, to)
		// The key the page was ordered by, which a concurrent rename
		// may have changed since.
		key := store.RelationKey{Type: r.Type, OtherKey: asString(e[rw+aw+1]), OtherID: other.ID, RelationID: r.ID}
		page.Edges = append(page.Edges, store.RelationEdge{Relation: r, Direction: dir, Other: other.ID, Cursor: key.Cursor(), OtherActor: other})
	}
	if len(page.Edges) > first {
		page.HasNext = true
		page.Edges = page.Edges[:first]
	}
	return page
}

// relationPartOf checks a page of relations (its filter and cursor),
// writes relationPart's two expressions for it, and puts their parameters
// into params, limit among them.
func relationPartOf(f store.RelationFilter, p store.Page, limit string, params map[string]any) (total, page string, err error) {
	var after store.RelationKey
	if p.After != "" {
		if after, err = store.ParseRelationCursor(p.After); err != nil {
			return "", "", err
		}
	}
	types, err := store.CheckTypes(f.Types)
	if err != nil {
		return "", "", err
	}
	if total, page, err = relationPart(types, f.Direction, p, limit); err != nil {
		return "", "", err
	}
	params[limit] = max(p.First, 0) + 1
	params["t"], params["k"], params["o"], params["r"] = string(after.Type), after.OtherKey, after.OtherID, after.RelationID
	return total, page, nil
}

// relationPart writes the two expressions of a page of the relations of
// the actor a: the total the filter admits, and the page, cut at the
// parameter limit (the page's length and one more). The cursor's parts
// are the parameters $t, $k, $o and $r (relationPartOf).
//
// The total is counted without the far end's label, which lets Neo4j
// read it from the actor's degree per type instead of visiting every
// relation: a relation of these types only ever joins two actors (the
// writes match both ends as :Actor).
func relationPart(types []store.RelationType, d store.Direction, p store.Page, limit string) (total, page string, err error) {
	pattern := allTypes
	if types != nil {
		pattern = typePattern(types)
	}
	var branches, counts []string
	switch d {
	case store.Out, store.Both, "":
		branches = append(branches, "MATCH (a)-[r:"+pattern+"]->(b:Actor) RETURN r, b, 'OUT' AS dir")
		counts = append(counts, "COUNT { (a)-[:"+pattern+"]->() }")
	case store.In:
	default:
		return "", "", store.Invalid("direction", "%q is not OUT, IN or BOTH", d)
	}
	if d != store.Out {
		branches = append(branches, "MATCH (a)<-[r:"+pattern+"]-(b:Actor) RETURN r, b, 'IN' AS dir")
		counts = append(counts, "COUNT { (a)<-[:"+pattern+"]-() }")
	}
	// With one type, type(r) orders nothing; left out, Neo4j does not
	// read it for every relation it sorts.
	order := "type(r), k, b.id, r.id"
	if len(types) == 1 {
		order = "k, b.id, r.id"
	}
	where := ""
	if p.After != "" {
		where = ` WHERE type(r) > $t OR (type(r) = $t AND (k > $k OR (k = $k AND (b.id > $o OR (b.id = $o AND r.id > $r)))))`
	}
	return strings.Join(counts, " + "),
		"COLLECT { CALL (a) { " + strings.Join(branches, " UNION ALL ") + " }" +
			" WITH r, b, dir, b.sortKey AS k" + where +
			" ORDER BY " + order + " LIMIT $" + limit + " RETURN [" + relationColumns("r", p.SkipRelation) + ", " + actorColumns("b", p.Skip) + ", dir, k, type(r)] }", nil
}
