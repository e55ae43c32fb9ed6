#!/usr/bin/env bash
# Install and start PostgreSQL on 127.0.0.1 (Debian), create a test database, print its URL.
# Usage: export TRADELANE_TEST_PG_URL=$(bash scripts/ci-postgres.sh)
set -euo pipefail
if ! command -v pg_ctlcluster >/dev/null; then
  apt-get update -qq >&2 && apt-get install -y -qq postgresql >&2
fi
VERSION=$(ls /usr/lib/postgresql | sort -n | tail -1)   # 15 on Debian 12
CLUSTER=main
pg_lsclusters -h | grep -q "^$VERSION $CLUSTER" || pg_createcluster "$VERSION" "$CLUSTER" >&2
sed -i "s/^#\?listen_addresses.*/listen_addresses = '127.0.0.1'/" \
  "/etc/postgresql/$VERSION/$CLUSTER/postgresql.conf"
pg_ctlcluster "$VERSION" "$CLUSTER" start >&2 || true
PASSWORD=tradelane
su postgres -c "psql -q -c \"DO \\\$\\\$ BEGIN CREATE ROLE tradelane LOGIN PASSWORD '$PASSWORD'; EXCEPTION WHEN duplicate_object THEN NULL; END \\\$\\\$;\"" >&2
su postgres -c "psql -q -tc \"SELECT 1 FROM pg_database WHERE datname='tradelane_test'\" | grep -q 1 || createdb -O tradelane tradelane_test" >&2
PORT=$(pg_lsclusters -h | awk -v v="$VERSION" -v c="$CLUSTER" '$1==v && $2==c {print $3}')
echo "postgresql+psycopg://tradelane:$PASSWORD@127.0.0.1:$PORT/tradelane_test"
