import tailwindcss from "@tailwindcss/vite";
import react from "@vitejs/plugin-react";
import { defineConfig } from "vite";

const api = "http://127.0.0.1:5210";
// Everything the API answers itself; the rest of the URL space belongs to the SPA.
const apiPaths = ["/trpc", "/auth", "/oidc", "/exports", "/healthz", "/readyz"];

export default defineConfig({
  plugins: [react(), tailwindcss()],
  server: {
    host: "127.0.0.1",
    port: 5200,
    strictPort: true,
    proxy: Object.fromEntries(apiPaths.map((path) => [path, { target: api, changeOrigin: false }])),
  },
  build: {
    outDir: "dist",
    emptyOutDir: true,
    // Hashed file names (Vite's default under assets/) let the server cache them for a year.
    assetsDir: "assets",
    sourcemap: true,
  },
});
