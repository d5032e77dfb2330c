"""Expands SAM policy templates with samtranslator, as `sam deploy` would, for SamTemplatesMatchSamTranslatorTest.

stdin:  {"<TemplateName>": {"<Parameter>": "<value>", ...}, ...}
stdout: {"<TemplateName>": [{"Effect": ..., "Action": [...], "Resource": [...]}, ...], ...}
        with Fn::Sub resolved for partition aws, region us-east-1, account 000000000000.
"""
import json
import re
import sys

from samtranslator.policy_template_processor.processor import PolicyTemplatesProcessor

PSEUDO = {"AWS::Partition": "aws", "AWS::Region": "us-east-1", "AWS::AccountId": "000000000000"}


def sub(value):
    if isinstance(value, str):
        return value
    if isinstance(value, dict) and list(value) == ["Fn::Sub"]:
        spec = value["Fn::Sub"]
        text, variables = (spec, {}) if isinstance(spec, str) else (spec[0], spec[1])
        names = dict(PSEUDO)
        names.update({k: sub(v) for k, v in variables.items()})
        return re.sub(r"\$\{([A-Za-z0-9:]+)\}", lambda m: names[m.group(1)], text)
    raise ValueError("cannot resolve %r" % (value,))


def as_list(value):
    return value if isinstance(value, list) else [value]


def main():
    requested = json.load(sys.stdin)
    processor = PolicyTemplatesProcessor(PolicyTemplatesProcessor.get_default_policy_templates_json())
    out = {}
    for name, parameters in requested.items():
        if not processor.has(name):
            out[name] = None
            continue
        statements = processor.convert(name, parameters)["Statement"]
        out[name] = [
            {
                "Effect": s["Effect"],
                "Action": as_list(s["Action"]),
                "Resource": [sub(r) for r in as_list(s["Resource"])],
            }
            for s in as_list(statements)
        ]
    json.dump(out, sys.stdout)


if __name__ == "__main__":
    main()
