#!/usr/bin/python3
"""Validate CycloneDX 1.6 and SPDX 2.3 JSON SBOMs against the official schemas, offline.

usage: validate-sbom.py [--schemas DIR] [--max-errors N] [--quiet] FILE...

Run with Debian's /usr/bin/python3 and python3-jsonschema (scripts/install-deps.sh installs it).
DIR holds cyclonedx/{bom-1.6,spdx,jsf-0.82}.schema.json and spdx-2.3/spdx-schema.json (default:
tests/data/schemas in the checkout, vendored copies of the official files). The format of each FILE is detected from its content
(bomFormat "CycloneDX" + specVersion "1.6", or spdxVersion "SPDX-2.3"). Each schema is compiled
once, so many files can be validated in one process. The CycloneDX schema's $refs to
spdx.schema.json and jsf-0.82.schema.json are resolved from DIR, never from the network.

Beyond the schema, the rules a schema cannot express are checked:
  CycloneDX: bom-refs unique; every dependencies[].ref and dependsOn entry names an existing bom-ref;
             each ref appears once in dependencies; date-time fields are RFC 3339.
  SPDX:      SPDXIDs unique; documentDescribes and every relationship refer to existing ids
             (or NONE/NOASSERTION, or an external DocumentRef-); created is YYYY-MM-DDThh:mm:ssZ.

Prints "ok: FILE (format, N components)" per valid file (unless --quiet) and the first errors of
each invalid file. Exit 0 when all are valid, 1 when any is invalid, 3 when an input or schema
cannot be read.
"""

import argparse
import datetime
import json
import os
import re
import sys

try:
    import jsonschema
    from jsonschema import Draft7Validator, FormatChecker, RefResolver
except ImportError:  # pragma: no cover - depends on the machine
    sys.stderr.write("validate-sbom: python3-jsonschema is missing (apt-get install python3-jsonschema; "
                     "run with /usr/bin/python3)\n")
    sys.exit(3)

CDX_SCHEMA_FILES = ["bom-1.6.schema.json", "spdx.schema.json", "jsf-0.82.schema.json"]
RFC3339 = re.compile(r"^\d{4}-\d{2}-\d{2}[Tt]\d{2}:\d{2}:\d{2}(\.\d+)?([Zz]|[+-]\d{2}:\d{2})$")
SPDX_CREATED = re.compile(r"^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}Z$")


class InputError(Exception):
    """An input or schema file that cannot be read: exit 3."""


def load_json(path):
    try:
        with open(path, "rb") as f:
            return json.loads(f.read())
    except OSError as e:
        raise InputError(f"{path}: cannot read: {e.strerror}")
    except (ValueError, UnicodeDecodeError) as e:
        raise InputError(f"{path}: not valid JSON: {e}")


def is_rfc3339(value):
    if not isinstance(value, str):
        return True  # type errors are the schema's job
    if not RFC3339.match(value):
        return False
    try:
        datetime.datetime.fromisoformat(value.replace("Z", "+00:00").replace("z", "+00:00")
                                        .replace("t", "T"))
    except ValueError:
        return False
    return True


def format_checker():
    # Our own checkers, so the result does not depend on which optional format libraries
    # (rfc3339-validator, rfc3987, ...) happen to be installed on a machine.
    checker = FormatChecker(formats=())
    checker.checks("date-time")(is_rfc3339)
    checker.checks("iri-reference")(
        lambda v: not isinstance(v, str) or not re.search(r"[\s\x00-\x1f<>\"{}|\\^`]", v))
    checker.checks("idn-email")(lambda v: not isinstance(v, str) or re.match(r"^[^@\s]+@[^@\s]+$", v))
    return checker


def canonical(value):
    # Same equality as jsonschema's uniqueItems (1 == 1.0, but True != 1), as a hashable key.
    if isinstance(value, bool):
        return ("bool", value)
    if isinstance(value, (int, float)):
        return ("num", float(value)) if float(value) == value else ("num", value)
    if isinstance(value, str):
        return ("str", value)
    if value is None:
        return ("null",)
    if isinstance(value, list):
        return ("list", tuple(canonical(v) for v in value))
    if isinstance(value, dict):
        return ("obj", tuple(sorted((k, canonical(v)) for k, v in value.items())))
    return ("other", repr(value))


def unique_items(validator, unique, instance, schema):
    # jsonschema's own uniqueItems compares unhashable items pairwise (quadratic): on a
    # 3,700-component BOM that alone takes ~40 s. Hashing a canonical form is linear.
    if not unique or not validator.is_type(instance, "array"):
        return
    seen = {}
    for index, item in enumerate(instance):
        key = canonical(item)
        if key in seen:
            yield jsonschema.ValidationError(
                f"has non-unique elements: item {index} equals item {seen[key]}")
            return
        seen[key] = index


FastDraft7Validator = jsonschema.validators.extend(Draft7Validator, {"uniqueItems": unique_items})


class Validators:
    """Compiles each schema once, on first use."""

    def __init__(self, schema_dir):
        self.schema_dir = schema_dir
        self._cdx = None
        self._spdx = None

    def cyclonedx(self):
        if self._cdx is None:
            directory = os.path.join(self.schema_dir, "cyclonedx")
            schemas = {name: load_json(os.path.join(directory, name)) for name in CDX_SCHEMA_FILES}
            store = {}
            for name, schema in schemas.items():
                # Register under the schema's $id and its bare file name, so both absolute and
                # relative refs resolve locally.
                store[schema.get("$id", name)] = schema
                store[name] = schema
            main = schemas["bom-1.6.schema.json"]
            resolver = RefResolver(base_uri=main.get("$id", ""), referrer=main, store=store)
            Draft7Validator.check_schema(main)
            self._cdx = FastDraft7Validator(main, resolver=resolver, format_checker=format_checker())
        return self._cdx

    def spdx(self):
        if self._spdx is None:
            schema = load_json(os.path.join(self.schema_dir, "spdx-2.3", "spdx-schema.json"))
            Draft7Validator.check_schema(schema)
            self._spdx = FastDraft7Validator(schema, format_checker=format_checker())
        return self._spdx


def where(error):
    path = "/".join(str(p) for p in error.absolute_path)
    return "/" + path if path else "(root)"


def schema_errors(validator, doc, limit):
    errors = []
    for error in validator.iter_errors(doc):
        message = error.message
        if len(message) > 300:
            message = message[:300] + "..."
        errors.append(f"schema: {where(error)}: {message}")
        if len(errors) >= limit:
            break
    return errors


def cyclonedx_rules(doc):
    errors = []
    refs = set()

    def add_ref(component, where_):
        ref = component.get("bom-ref")
        if ref is None:
            return
        if ref in refs:
            errors.append(f"rule: {where_}: duplicate bom-ref {ref!r}")
        refs.add(ref)

    def walk(components, prefix):
        for i, component in enumerate(components or []):
            if not isinstance(component, dict):
                continue
            add_ref(component, f"{prefix}/{i}")
            walk(component.get("components"), f"{prefix}/{i}/components")

    metadata = doc.get("metadata") or {}
    if isinstance(metadata.get("component"), dict):
        add_ref(metadata["component"], "/metadata/component")
        walk(metadata["component"].get("components"), "/metadata/component/components")
    walk(doc.get("components"), "/components")
    for i, service in enumerate(doc.get("services") or []):
        if isinstance(service, dict):
            add_ref(service, f"/services/{i}")

    seen_in_graph = set()
    for i, dep in enumerate(doc.get("dependencies") or []):
        if not isinstance(dep, dict):
            continue
        ref = dep.get("ref")
        if ref not in refs:
            errors.append(f"rule: /dependencies/{i}/ref: {ref!r} is not a bom-ref in this BOM")
        if ref in seen_in_graph:
            errors.append(f"rule: /dependencies/{i}/ref: {ref!r} listed more than once")
        seen_in_graph.add(ref)
        for j, target in enumerate(dep.get("dependsOn") or []):
            if target not in refs:
                errors.append(f"rule: /dependencies/{i}/dependsOn/{j}: {target!r} is not a bom-ref in this BOM")
    return errors


def spdx_rules(doc):
    errors = []
    ids = {doc.get("SPDXID")}
    for kind in ("packages", "files", "snippets"):
        for i, element in enumerate(doc.get(kind) or []):
            if not isinstance(element, dict):
                continue
            spdx_id = element.get("SPDXID")
            if spdx_id in ids:
                errors.append(f"rule: /{kind}/{i}/SPDXID: duplicate SPDXID {spdx_id!r}")
            ids.add(spdx_id)
            if isinstance(spdx_id, str) and not re.match(r"^SPDXRef-[A-Za-z0-9.\-]+$", spdx_id):
                errors.append(f"rule: /{kind}/{i}/SPDXID: {spdx_id!r} is not SPDXRef-[letters, digits, . -]")

    def known(element_id):
        return (element_id in ids or element_id in ("NONE", "NOASSERTION")
                or (isinstance(element_id, str) and element_id.startswith("DocumentRef-")))

    for i, described in enumerate(doc.get("documentDescribes") or []):
        if not known(described):
            errors.append(f"rule: /documentDescribes/{i}: {described!r} is not an SPDXID in this document")
    for i, rel in enumerate(doc.get("relationships") or []):
        if not isinstance(rel, dict):
            continue
        for field in ("spdxElementId", "relatedSpdxElement"):
            if not known(rel.get(field)):
                errors.append(f"rule: /relationships/{i}/{field}: {rel.get(field)!r} is not an SPDXID in this document")
    created = (doc.get("creationInfo") or {}).get("created")
    if isinstance(created, str) and not SPDX_CREATED.match(created):
        errors.append(f"rule: /creationInfo/created: {created!r} is not YYYY-MM-DDThh:mm:ssZ")
    return errors


def count_components(doc):
    def walk(components):
        return sum(1 + walk(c.get("components")) for c in components or [] if isinstance(c, dict))
    return walk(doc.get("components"))


def validate(path, validators, limit):
    """Returns (kind, count, errors)."""
    doc = load_json(path)
    if not isinstance(doc, dict):
        return "unknown", 0, ["not a JSON object"]
    if doc.get("bomFormat") == "CycloneDX":
        if doc.get("specVersion") != "1.6":
            return "cyclonedx", 0, [f"specVersion {doc.get('specVersion')!r}: only CycloneDX 1.6 is checked"]
        errors = schema_errors(validators.cyclonedx(), doc, limit) + cyclonedx_rules(doc)
        return "cyclonedx-1.6", count_components(doc), errors
    if "spdxVersion" in doc:
        if doc.get("spdxVersion") != "SPDX-2.3":
            return "spdx", 0, [f"spdxVersion {doc.get('spdxVersion')!r}: only SPDX-2.3 is checked"]
        errors = schema_errors(validators.spdx(), doc, limit) + spdx_rules(doc)
        return "spdx-2.3", len(doc.get("packages") or []), errors
    return "unknown", 0, ["neither a CycloneDX BOM (bomFormat) nor an SPDX document (spdxVersion)"]


def default_schema_dir():
    here = os.path.dirname(os.path.abspath(__file__))
    return os.path.normpath(os.path.join(here, "..", "tests", "data", "schemas"))


def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--schemas", default=default_schema_dir(), help="schema directory")
    parser.add_argument("--max-errors", type=int, default=5, help="errors shown per file")
    parser.add_argument("--quiet", action="store_true", help="print only failures and the summary")
    parser.add_argument("files", nargs="+")
    args = parser.parse_args()
    if not os.path.isdir(args.schemas):
        sys.stderr.write(f"validate-sbom: schema directory {args.schemas} not found\n")
        return 3
    validators = Validators(args.schemas)
    invalid = unreadable = 0
    for path in args.files:
        try:
            kind, count, errors = validate(path, validators, args.max_errors)
        except InputError as e:
            print(f"ERROR: {e}")
            unreadable += 1
            continue
        if errors:
            invalid += 1
            print(f"INVALID: {path} ({kind}): {len(errors)} error(s), first {min(len(errors), args.max_errors)}:")
            for error in errors[: args.max_errors]:
                print(f"  {error}")
        elif not args.quiet:
            print(f"ok: {path} ({kind}, {count} components)")
    total = len(args.files)
    print(f"validate-sbom: {total - invalid - unreadable} valid, {invalid} invalid, {unreadable} unreadable")
    if unreadable:
        return 3
    return 1 if invalid else 0


if __name__ == "__main__":
    sys.exit(main())
