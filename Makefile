.PHONY: run test demo bench

# Command 1: portal on SQLite + embedded search, demo content, admin login printed.
run:
	scripts/run

# Command 2: the whole test suite against PostgreSQL and a real Elasticsearch.
test:
	scripts/test
