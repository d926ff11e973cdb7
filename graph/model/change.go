package model

// Change is one entry of the change feed as the API shows it, converted
// from a store.Change by graph.toChange.
type Change struct {
	Cursor      string          `json:"cursor"`
	Operation   ChangeOperation `json:"operation"`
	ItemType    ChangeItemType  `json:"itemType"`
	ItemID      string          `json:"itemId"`
	Item        Node            `json:"item"`
	CommittedAt string          `json:"committedAt"`
	Author      *ChangeAuthor   `json:"author,omitempty"`
}
