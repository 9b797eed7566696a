"""Reply documents are Wagtail documents in a collection closed to the
public (login required): they may carry the applicant's personal data. The
applicant downloads theirs with the 查询码 (views.reply_document)."""

import os

from django.db import transaction
from wagtail.documents import get_document_model
from wagtail.models import Collection, CollectionViewRestriction

COLLECTION_NAME = "依申请公开答复书"


@transaction.atomic
def reply_collection():
    collection = Collection.objects.filter(name=COLLECTION_NAME).first()
    if collection is None:
        collection = Collection.get_first_root_node().add_child(name=COLLECTION_NAME)
    CollectionViewRestriction.objects.get_or_create(
        collection=collection, defaults={"restriction_type": CollectionViewRestriction.LOGIN})
    return collection


def store_reply(upload, req, user=None):
    return get_document_model().objects.create(
        title=f"答复书 {req.code}", file=upload, collection=reply_collection(), uploaded_by_user=user)


def download_name(req):
    """答复书_<查询码>.pdf: the stored name may carry a storage suffix."""
    return f"答复书_{req.code}{os.path.splitext(req.reply_document.filename)[1]}"
