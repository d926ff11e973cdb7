package embedded

import bolt "go.etcd.io/bbolt"

// SetFormatForTest rewrites the format version of a closed data file.
func SetFormatForTest(path, version string) error {
	db, err := bolt.Open(path, 0o600, nil)
	if err != nil {
		return err
	}
	defer db.Close()
	return db.Update(func(tx *bolt.Tx) error {
		return tx.Bucket(bucketMeta).Put(keyFormat, []byte(version))
	})
}
