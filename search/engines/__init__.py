"""Search engines behind the one service: Elasticsearch and the embedded
database engine. Both take the same SearchQuery and analysis Plan and
return the same RawResult."""
