"""Reads a GraphML or GEXF file with NetworkX and prints what it read as
JSON, for export_test.go to compare with the network written:

    python read.py graphml|gexf FILE
"""

import json
import sys

import networkx as nx

fmt, path = sys.argv[1], sys.argv[2]
if fmt == "graphml":
    G = nx.read_graphml(path, force_multigraph=True)
elif fmt == "gexf":
    G = nx.read_gexf(path)
else:
    sys.exit(f"unknown format {fmt}")

if G.is_multigraph():
    edges = [{"from": u, "to": v, "key": k, "data": d} for u, v, k, d in G.edges(keys=True, data=True)]
else:
    edges = [{"from": u, "to": v, "key": None, "data": d} for u, v, d in G.edges(data=True)]
json.dump(
    {
        "networkx": nx.__version__,
        "directed": G.is_directed(),
        "graph": G.graph,
        "nodes": {n: d for n, d in G.nodes(data=True)},
        "edges": edges,
    },
    sys.stdout,
    ensure_ascii=False,
    default=str,
)
