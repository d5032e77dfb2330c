"""Transforms a SAM template with AWS's own SAM translator (samtranslator), as `sam deploy` would, and prints the
CloudFormation JSON. Code and definition URIs are replaced by S3 locations first, as `sam package` does."""
import json
import os
import sys

os.environ.setdefault("AWS_DEFAULT_REGION", "us-east-1")
from samtranslator.translator.transform import transform  # noqa: E402
from samtranslator.yaml_helper import yaml_parse  # noqa: E402


class NoManagedPolicies:
    def load(self):
        return {}


with open(sys.argv[1]) as f:
    template = yaml_parse(f.read())
for logical_id, resource in template["Resources"].items():
    properties = resource.get("Properties", {})
    if "CodeUri" in properties:
        properties["CodeUri"] = "s3://packaged/" + logical_id + ".zip"
    if "DefinitionUri" in properties:
        properties["DefinitionUri"] = "s3://packaged/" + logical_id + ".asl.json"
json.dump(transform(template, {}, NoManagedPolicies()), sys.stdout, default=str)
