"""Signals other apps listen to, so the law library imports none of them.

`laws_imported` is sent after every `import_laws` run that committed, with
`changes`: the changes the run recorded, as stored in `LawImport.changes`
(dicts: kind, law = source id, title, detail, article = anchor; the kinds
are `laws.importer.KINDS`). The power lists' basis check (依据核验) runs on it.
"""

from django.dispatch import Signal

laws_imported = Signal()
