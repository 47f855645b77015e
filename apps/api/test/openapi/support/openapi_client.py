"""A caller that knows nothing but /openapi.json and Python's standard library.

Usage: openapi_client.py <base-url> <api-key>
Reads the contract, finds projects.create and projects.list by operationId, calls them as the
document describes (mutation: POST JSON body; query: GET ?input=<json>) and prints one JSON line.
"""
import json
import sys
import urllib.parse
import urllib.request

base, api_key = sys.argv[1], sys.argv[2]


def fetch(url, body=None, method="GET"):
    data = None if body is None else json.dumps(body).encode()
    request = urllib.request.Request(url, data=data, method=method)
    request.add_header("authorization", "Bearer " + api_key)
    if data is not None:
        request.add_header("content-type", "application/json")
    with urllib.request.urlopen(request, timeout=10) as response:
        return json.load(response)


with urllib.request.urlopen(base + "/openapi.json", timeout=10) as response:
    document = json.load(response)

operations = {}
for path, methods in document["paths"].items():
    for method, operation in methods.items():
        operations[operation["operationId"]] = (path, method.upper(), operation)


def call(operation_id, value):
    path, method, operation = operations[operation_id]
    if method == "POST":
        return fetch(base + path, value, "POST")["result"]["data"]
    query = urllib.parse.urlencode({"input": json.dumps(value)})
    return fetch(base + path + "?" + query)["result"]["data"]


created = call("projects.create", {"name": "From Python"})
page = call("projects.list", {"limit": 5})
print(json.dumps({"created": created, "listed": [item["id"] for item in page["items"]]}))
