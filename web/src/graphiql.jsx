// ecograph's GraphiQL page: the IDE against this server's /graphql, with
// every part (the code, its style sheet, its font, Monaco's workers) served
// from /static/graphiql/, so the page works offline.
import { createRoot } from "react-dom/client";
import { GraphiQL } from "graphiql";
import { createGraphiQLFetcher } from "@graphiql/toolkit";
import "graphiql/style.css";

// Monaco runs its language services in workers. GraphiQL's own set-ups
// (setup-workers/*) name them for Vite, webpack or esm.sh (a CDN);
// scripts/web-build bundles them beside this file instead.
globalThis.MonacoEnvironment = {
  getWorker(_workerId, label) {
    const base = "/static/graphiql/";
    switch (label) {
      case "json":
        return new Worker(base + "json.worker.js");
      case "graphql":
        return new Worker(base + "graphql.worker.js");
    }
    return new Worker(base + "editor.worker.js");
  },
};

const fetcher = createGraphiQLFetcher({ url: "/graphql" });

const defaultQuery = `# ecograph's GraphQL API. Ctrl+Enter runs the query; Ctrl+Space
# completes; the book icon on the left opens the schema's documentation.
# Mutations need a key: put {"Authorization": "Bearer <key>"} in Headers.
{
  search(text: "SCH", first: 1) {
    actor {
      id
      name
      kind
    }
    score
  }
}
`;

createRoot(document.getElementById("graphiql")).render(
  <GraphiQL
    fetcher={fetcher}
    defaultQuery={defaultQuery}
    isHeadersEditorEnabled={true}
    shouldPersistHeaders={false}
  />,
);
