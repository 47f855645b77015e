/**
 * What the offline drafts know about building software: the areas a stack covers, the words in
 * an idea that call for each area, and well-known technologies with their trade-offs. The first
 * technology of an area is the template default. Order matters: it is the order of the ADRs.
 */

export interface Technology {
  name: string;
  /** Lowercase words that name this technology in free text. */
  aliases: string[];
  /** How the name reads inside a sentence when it is no proper name: "containers on a managed platform". */
  prose?: string;
  strengths: string[];
  tradeOffs: string[];
  /** Engineering rules specific to this technology (specs draft). */
  standards?: string[];
  /** Lint, type-check and test tools (backend languages only, specs draft). */
  toolchain?: { lint: string; types: string; tests: string; audit: string; naming: string };
}

export interface StackArea {
  id: string;
  /** The area's name in tables and epic titles. */
  name: string;
  /** How the area reads in a sentence: "Use PostgreSQL for <label>". */
  label: string;
  /** Why a system needs this area, for the ADR context. */
  need: string;
  /** Words in the inputs that make the area necessary; `always` for every project. */
  triggers: string[] | "always";
  technologies: Technology[];
  /** Work the plan schedules for this area (integration epics only). */
  planTasks?: string[];
  /** Engineering rules for the area whatever the technology (specs draft). */
  standards: string[];
}

export const stackCatalog: StackArea[] = [
  {
    id: "backend",
    name: "Backend API",
    label: "the backend API",
    need: "The product needs a server that owns the business rules and exposes them through an API.",
    triggers: "always",
    technologies: [
      {
        name: "TypeScript on Node.js",
        aliases: ["typescript", "node", "node.js", "nodejs", "fastify", "nestjs", "javascript"],
        strengths: ["one language across client and server", "a large ecosystem and hiring pool"],
        tradeOffs: ["CPU-heavy work needs worker threads or a separate service"],
        standards: ["TypeScript strict mode; no `any` without a comment explaining why"],
        toolchain: {
          lint: "Biome",
          types: "tsc --noEmit",
          tests: "Vitest",
          audit: "pnpm audit",
          naming: "kebab-case file names",
        },
      },
      {
        name: "Python with FastAPI",
        aliases: ["python", "fastapi", "django", "flask"],
        strengths: ["fast to write", "strong data and machine-learning libraries"],
        tradeOffs: ["needs type checking discipline (mypy) to stay maintainable"],
        standards: ["Type hints on every public function; mypy in strict mode"],
        toolchain: {
          lint: "Ruff",
          types: "mypy --strict",
          tests: "pytest",
          audit: "pip-audit",
          naming: "snake_case modules (PEP 8)",
        },
      },
      {
        name: "Go",
        aliases: ["golang"],
        strengths: ["small, fast binaries", "simple concurrency"],
        tradeOffs: ["more boilerplate for data-heavy business logic"],
        toolchain: {
          lint: "golangci-lint",
          types: "go vet",
          tests: "go test",
          audit: "govulncheck",
          naming: "gofmt layout, short package names",
        },
      },
      {
        name: "Java with Spring Boot",
        aliases: ["java", "spring boot", "kotlin"],
        strengths: ["mature enterprise ecosystem", "strong typing and tooling"],
        tradeOffs: ["heavier runtime and slower start-up"],
        toolchain: {
          lint: "Checkstyle",
          types: "javac -Werror",
          tests: "JUnit",
          audit: "OWASP Dependency-Check",
          naming: "PascalCase classes, one per file",
        },
      },
      {
        name: "C# on .NET",
        aliases: ["c#", ".net", "dotnet", "asp.net"],
        strengths: ["productive, strongly typed platform"],
        tradeOffs: ["smaller open-source ecosystem than Node.js or Python"],
        toolchain: {
          lint: "dotnet format",
          types: "dotnet build -warnaserror",
          tests: "xUnit",
          audit: "dotnet list package --vulnerable",
          naming: "PascalCase types and files",
        },
      },
      {
        name: "Ruby on Rails",
        aliases: ["ruby on rails", "ruby"],
        strengths: ["very fast CRUD development"],
        tradeOffs: ["dynamic typing; performance needs care at scale"],
        toolchain: {
          lint: "RuboCop",
          types: "Sorbet",
          tests: "RSpec",
          audit: "bundler-audit",
          naming: "snake_case files (Rails conventions)",
        },
      },
    ],
    standards: [
      "Validate every input at the API boundary and return field-level errors",
      "Map domain errors to HTTP or RPC codes in one place; a 500 is always a bug",
      "Configuration comes from environment variables, validated once at start-up",
    ],
  },
  {
    id: "database",
    name: "Database",
    label: "the primary database",
    need: "The product stores data that must survive restarts and be queried reliably.",
    triggers: "always",
    technologies: [
      {
        name: "PostgreSQL",
        aliases: ["postgresql", "postgres", "pg"],
        strengths: ["relational integrity and transactions", "JSON columns and full-text search built in"],
        tradeOffs: ["schema changes need migrations", "horizontal write scaling needs planning"],
        standards: ["Row-level security or explicit tenant filters on every tenant table"],
      },
      {
        name: "MySQL",
        aliases: ["mysql", "mariadb"],
        strengths: ["widely hosted relational database"],
        tradeOffs: ["fewer advanced types and index kinds than PostgreSQL"],
      },
      {
        name: "MongoDB",
        aliases: ["mongodb", "mongo"],
        strengths: ["flexible documents for loosely structured data"],
        tradeOffs: ["relations and multi-document transactions are weaker than in SQL databases"],
      },
      {
        name: "SQLite",
        aliases: ["sqlite"],
        strengths: ["zero operations, a single file"],
        tradeOffs: ["one writer at a time; not for multi-instance servers"],
      },
    ],
    standards: [
      "Schema changes only through reviewed, versioned migrations",
      "Queries are parameterised, never built by concatenating input",
      "Indexes for every reference between records and every frequent filter",
    ],
  },
  {
    id: "frontend",
    name: "Web front end",
    label: "the web front end",
    need: "People use the product in a browser.",
    triggers: ["web", "website", "browser", "dashboard", "portal", "web app", "ui", "front end", "frontend"],
    technologies: [
      {
        name: "React single-page app",
        aliases: ["react", "react.js", "reactjs"],
        strengths: ["component model and the largest ecosystem"],
        tradeOffs: ["needs a router and data-fetching library chosen separately"],
      },
      {
        name: "Next.js",
        aliases: ["next.js", "nextjs"],
        strengths: ["server rendering for SEO and fast first paint"],
        tradeOffs: ["couples the front end to a Node.js server runtime"],
      },
      {
        name: "Vue",
        aliases: ["vue", "vue.js", "nuxt"],
        strengths: ["gentle learning curve"],
        tradeOffs: ["smaller ecosystem than React"],
      },
      {
        name: "Svelte",
        aliases: ["svelte", "sveltekit"],
        strengths: ["small bundles, little boilerplate"],
        tradeOffs: ["smaller hiring pool"],
      },
      {
        name: "Angular",
        aliases: ["angular"],
        strengths: ["batteries included for large teams"],
        tradeOffs: ["heavier framework and steeper learning curve"],
      },
    ],
    standards: [
      "Meet WCAG 2.1 AA: keyboard navigation, labels, contrast",
      "Typed API client generated from or shared with the server contract",
    ],
  },
  {
    id: "mobile",
    name: "Mobile app",
    label: "the mobile app",
    need: "People use the product on their phones.",
    triggers: ["mobile", "ios", "android", "phone", "phones", "smartphone", "smartphones", "tablet"],
    technologies: [
      {
        name: "React Native",
        aliases: ["react native", "expo"],
        strengths: ["one code base for iOS and Android", "shares language with a TypeScript backend"],
        tradeOffs: ["native features sometimes need platform code"],
      },
      {
        name: "Flutter",
        aliases: ["flutter"],
        strengths: ["consistent UI on both platforms"],
        tradeOffs: ["Dart is a separate language for the team"],
      },
      {
        name: "Native Swift and Kotlin apps",
        prose: "native Swift and Kotlin apps",
        aliases: ["swiftui", "jetpack compose"],
        strengths: ["best platform integration and performance"],
        tradeOffs: ["two code bases to build and maintain"],
      },
    ],
    standards: ["Support the two latest major OS versions", "Handle offline and slow networks explicitly"],
  },
  {
    id: "authentication",
    name: "Authentication",
    label: "sign-in and access control",
    need: "People have accounts, and what they can see and do depends on who they are.",
    triggers: [
      "user",
      "users",
      "account",
      "accounts",
      "login",
      "log in",
      "sign in",
      "sign up",
      "signup",
      "team",
      "teams",
      "member",
      "members",
      "role",
      "roles",
      "admin",
      "customer",
      "customers",
      "tenant",
      "tenants",
      "profile",
      "profiles",
      "staff",
      "employee",
      "employees",
      "owner",
      "owners",
    ],
    technologies: [
      {
        name: "OpenID Connect with a hosted identity provider",
        aliases: ["oidc", "openid", "openid connect", "oauth", "oauth2", "keycloak"],
        strengths: ["no passwords stored by us", "single sign-on and MFA come from the provider"],
        tradeOffs: ["depends on an external provider being available"],
      },
      {
        name: "Auth0",
        aliases: ["auth0"],
        strengths: ["managed sign-in with social logins"],
        tradeOffs: ["cost grows with monthly active users"],
      },
      {
        name: "Firebase Authentication",
        aliases: ["firebase"],
        strengths: ["quick start for mobile apps"],
        tradeOffs: ["ties identity to Google Cloud"],
      },
    ],
    standards: [
      "Authorisation checked on the server for every request; roles in one permission matrix",
      "Sessions in httpOnly, Secure, SameSite cookies; tokens never in local storage",
    ],
  },
  {
    id: "search",
    name: "Search",
    label: "search",
    need: "People look things up by text and filters.",
    triggers: [
      "search",
      "searching",
      "find",
      "filter",
      "filters",
      "browse",
      "discover",
      "catalog",
      "catalogue",
    ],
    technologies: [
      {
        name: "PostgreSQL full-text search",
        aliases: ["full-text search", "full text search", "tsvector"],
        strengths: ["no extra service to run", "consistent with the primary data"],
        tradeOffs: ["limited relevance tuning and typo tolerance"],
      },
      {
        name: "Meilisearch",
        aliases: ["meilisearch"],
        strengths: ["typo-tolerant instant search"],
        tradeOffs: ["another service and index to keep in sync"],
      },
      {
        name: "Elasticsearch",
        aliases: ["elasticsearch", "opensearch"],
        strengths: ["powerful relevance and aggregations"],
        tradeOffs: ["heavy to operate"],
      },
    ],
    planTasks: [
      "Index searchable fields",
      "Search API with filters and pagination",
      "Relevance checks on sample data",
    ],
    standards: ["Search results respect the same access rules as direct reads"],
  },
  {
    id: "realtime",
    name: "Live updates",
    label: "live updates",
    need: "People see changes as they happen, without reloading.",
    triggers: ["real-time", "realtime", "live", "chat", "notification", "notifications", "instant", "push"],
    technologies: [
      {
        name: "Server-Sent Events",
        aliases: ["sse", "server-sent events", "event source"],
        strengths: ["plain HTTP, works through proxies", "automatic reconnect with last event id"],
        tradeOffs: ["server-to-client only; clients send with normal requests"],
      },
      {
        name: "WebSockets",
        aliases: ["websocket", "websockets", "socket.io"],
        strengths: ["two-way, low-latency messages"],
        tradeOffs: ["stateful connections complicate scaling and proxies"],
      },
    ],
    planTasks: [
      "Event stream endpoint with resume from the last event id",
      "Publish domain events after each committed change",
      "Client reconnect and catch-up handling",
    ],
    standards: ["Every streamed event has an id so clients resume without gaps"],
  },
  {
    id: "jobs",
    name: "Background jobs",
    label: "background jobs",
    need: "Some work runs outside a request: scheduled, slow or retried tasks.",
    triggers: [
      "schedule",
      "scheduled",
      "reminder",
      "reminders",
      "email",
      "emails",
      "import",
      "imports",
      "report",
      "reports",
      "batch",
      "nightly",
      "sync",
      "queue",
      "digest",
    ],
    technologies: [
      {
        name: "Redis with BullMQ",
        aliases: ["bullmq", "redis"],
        strengths: ["retries, delays and schedules out of the box"],
        tradeOffs: ["Redis becomes a dependency to operate"],
      },
      {
        name: "RabbitMQ",
        aliases: ["rabbitmq", "amqp"],
        strengths: ["mature message broker with routing"],
        tradeOffs: ["more moving parts than a job library"],
      },
      {
        name: "Amazon SQS",
        aliases: ["sqs"],
        strengths: ["fully managed queue"],
        tradeOffs: ["ties the system to AWS"],
      },
    ],
    planTasks: [
      "Job queue and worker process",
      "Retries with backoff and a dead-letter view",
      "Scheduled jobs",
    ],
    standards: ["Jobs are idempotent: running one twice has the same effect as once"],
  },
  {
    id: "files",
    name: "File storage",
    label: "file storage",
    need: "People upload and download files.",
    triggers: [
      "upload",
      "uploads",
      "photo",
      "photos",
      "image",
      "images",
      "file",
      "files",
      "video",
      "videos",
      "attachment",
      "attachments",
      "pdf",
      "pdfs",
    ],
    technologies: [
      {
        name: "S3-compatible object storage",
        aliases: ["s3", "minio", "object storage", "r2"],
        strengths: ["cheap, durable storage with signed URLs"],
        tradeOffs: ["eventual consistency for some operations; lifecycle rules to manage"],
      },
      {
        name: "Google Cloud Storage",
        aliases: ["gcs", "google cloud storage"],
        strengths: ["managed and integrated with Google Cloud"],
        tradeOffs: ["ties storage to Google Cloud"],
      },
    ],
    planTasks: [
      "Signed upload and download URLs",
      "Size and type limits with virus scanning",
      "Thumbnails or previews",
    ],
    standards: ["Uploads are size- and type-checked; files are served through signed, expiring URLs"],
  },
  {
    id: "ai",
    name: "AI features",
    label: "AI features",
    need: "Parts of the product generate or interpret text with a language model.",
    triggers: [
      "ai",
      "llm",
      "gpt",
      "chatbot",
      "assistant",
      "summarise",
      "summarize",
      "recommendation",
      "recommendations",
      "machine learning",
    ],
    technologies: [
      {
        name: "OpenAI-compatible model API",
        aliases: ["openai", "chatgpt", "gpt-4", "gpt-4o"],
        strengths: ["swap providers or self-host behind the same API"],
        tradeOffs: ["per-token cost and latency; outputs need validation"],
      },
      {
        name: "Anthropic Claude",
        aliases: ["claude", "anthropic"],
        strengths: ["strong long-context reasoning"],
        tradeOffs: ["provider-specific API"],
      },
      {
        name: "Self-hosted model (Ollama or vLLM)",
        prose: "a self-hosted model (Ollama or vLLM)",
        aliases: ["ollama", "vllm", "self-hosted model"],
        strengths: ["data stays in-house; no per-token fees"],
        tradeOffs: ["GPU capacity to buy and operate"],
      },
    ],
    planTasks: [
      "Model client with timeouts, retries and a circuit breaker",
      "Prompt and structured-output contracts with validation",
      "Token budgets and cost tracking",
    ],
    standards: ["Model outputs are schema-validated before use; prompts are versioned with the code"],
  },
  {
    id: "payments",
    name: "Payments",
    label: "payments",
    need: "People pay for the product or through it.",
    triggers: [
      "pay",
      "payment",
      "payments",
      "subscription",
      "subscriptions",
      "billing",
      "checkout",
      "invoice",
      "invoices",
      "pricing",
    ],
    technologies: [
      {
        name: "Stripe",
        aliases: ["stripe"],
        strengths: ["card data never touches our servers", "subscriptions and invoices built in"],
        tradeOffs: ["fees per transaction; webhooks to handle reliably"],
      },
      {
        name: "Paddle",
        aliases: ["paddle"],
        strengths: ["merchant of record handles sales tax"],
        tradeOffs: ["higher fees, less control"],
      },
      {
        name: "PayPal",
        aliases: ["paypal"],
        strengths: ["familiar to buyers"],
        tradeOffs: ["weaker developer experience"],
      },
    ],
    planTasks: [
      "Checkout flow",
      "Webhook handling with signature checks and idempotency",
      "Billing history for users",
    ],
    standards: ["Payment webhooks are verified and processed idempotently; no card data is stored"],
  },
  {
    id: "hosting",
    name: "Hosting",
    label: "hosting and deployment",
    need: "The product runs somewhere reliable and is deployed repeatably.",
    triggers: "always",
    technologies: [
      {
        name: "Containers on a managed platform",
        prose: "containers on a managed platform",
        aliases: ["docker", "fly.io", "cloud run"],
        strengths: ["same image in development, CI and production", "no servers to patch"],
        tradeOffs: ["platform limits on long-running connections and background work"],
      },
      {
        name: "Kubernetes",
        aliases: ["kubernetes", "k8s"],
        strengths: ["fine control over scaling and networking"],
        tradeOffs: ["significant operational effort"],
      },
      {
        name: "Serverless functions",
        aliases: ["serverless", "lambda", "vercel", "netlify"],
        strengths: ["scale to zero; pay per use"],
        tradeOffs: ["cold starts and execution time limits"],
      },
    ],
    standards: ["Every change deploys through CI from the main branch; no manual production changes"],
  },
  {
    id: "observability",
    name: "Observability",
    label: "observability",
    need: "The team needs to see errors, latency and usage in production.",
    triggers: "always",
    technologies: [
      {
        name: "OpenTelemetry with structured logs",
        aliases: ["opentelemetry", "otel", "prometheus", "grafana"],
        strengths: ["vendor-neutral traces and metrics"],
        tradeOffs: ["a collector or backend to run or buy"],
      },
      {
        name: "Sentry",
        aliases: ["sentry"],
        strengths: ["error tracking with little setup"],
        tradeOffs: ["focused on errors rather than full tracing"],
      },
    ],
    standards: ["Structured JSON logs with request ids; no personal data in logs"],
  },
];

/** The area a technology belongs to, by any of its names. */
export function findTechnology(text: string): { area: StackArea; technology: Technology } | null {
  const needle = text.trim().toLowerCase();
  for (const area of stackCatalog) {
    for (const technology of area.technologies) {
      if (technology.name.toLowerCase() === needle || technology.aliases.includes(needle)) {
        return { area, technology };
      }
    }
  }
  return null;
}

/** A stack choice as it reads inside a sentence: "deployed to containers on a managed platform". */
export const inProse = (choice: string): string => findTechnology(choice)?.technology.prose ?? choice;

export const areaById = (id: string): StackArea | undefined => stackCatalog.find((area) => area.id === id);

/** The catalog area a table cell names, by id or name. */
export const areaNamed = (text: string): StackArea | undefined =>
  stackCatalog.find((area) => [area.id, area.name.toLowerCase()].includes(text.trim().toLowerCase()));
