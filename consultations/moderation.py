"""Where a public comment stands: nothing is public before the department publishes it."""

PENDING, PUBLISHED, REJECTED = "pending", "published", "rejected"
STATUSES = [(PENDING, "待审核"), (PUBLISHED, "已公开"), (REJECTED, "不予公开")]
