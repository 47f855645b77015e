import { createBrowserRouter, Navigate, type RouteObject } from "react-router";
import { AppLayout } from "./layout.tsx";
import { NotFoundPage } from "./not-found-page.tsx";
import { RouteError } from "./route-error.tsx";
import { RouteLoading } from "./route-loading.tsx";

/**
 * Every URL names what it shows, so any view is a link a colleague can open. Feature pages are
 * lazy route modules: a feature's code downloads when its route is first visited.
 *
 * A function, not a constant: React Router deletes each `lazy` entry from the route object once
 * it has loaded, so a second router (a test, a hot reload) needs objects of its own.
 */
export function appRoutes(): RouteObject[] {
  return [
    {
      id: "root",
      HydrateFallback: RouteLoading,
      ErrorBoundary: RouteError,
      children: [
        {
          path: "sign-in",
          lazy: { Component: async () => (await import("../features/auth/sign-in-page.tsx")).SignInPage },
        },
        {
          Component: AppLayout,
          ErrorBoundary: RouteError,
          children: [
            { index: true, element: <Navigate replace to="/projects" /> },
            {
              path: "projects",
              lazy: {
                Component: async () => (await import("../features/projects/projects-page.tsx")).ProjectsPage,
              },
            },
            {
              path: "projects/:projectId",
              lazy: {
                Component: async () =>
                  (await import("../features/projects/project-layout.tsx")).ProjectLayout,
              },
              children: [
                {
                  index: true,
                  lazy: {
                    Component: async () =>
                      (await import("../features/workflow/workflow-page.tsx")).WorkflowPage,
                  },
                },
                {
                  path: "documents",
                  lazy: {
                    Component: async () =>
                      (await import("../features/documents/documents-page.tsx")).DocumentsPage,
                  },
                },
                {
                  path: "documents/:documentId",
                  lazy: {
                    Component: async () =>
                      (await import("../features/documents/document-page.tsx")).DocumentPage,
                  },
                },
                {
                  path: "search",
                  lazy: {
                    Component: async () => (await import("../features/memory/search-page.tsx")).SearchPage,
                  },
                },
                {
                  path: "exports",
                  lazy: {
                    Component: async () => (await import("../features/exports/exports-page.tsx")).ExportsPage,
                  },
                },
              ],
            },
            {
              path: "settings",
              lazy: {
                Component: async () =>
                  (await import("../features/settings/settings-layout.tsx")).SettingsLayout,
              },
              children: [
                { index: true, element: <Navigate replace to="/settings/members" /> },
                {
                  path: "members",
                  lazy: {
                    Component: async () =>
                      (await import("../features/settings/members-page.tsx")).MembersPage,
                  },
                },
                {
                  path: "api-keys",
                  lazy: {
                    Component: async () =>
                      (await import("../features/settings/api-keys-page.tsx")).ApiKeysPage,
                  },
                },
                {
                  path: "usage",
                  lazy: {
                    Component: async () => (await import("../features/settings/usage-page.tsx")).UsagePage,
                  },
                },
              ],
            },
            { path: "*", Component: NotFoundPage },
          ],
        },
      ],
    },
  ];
}

export function createAppRouter() {
  return createBrowserRouter(appRoutes());
}
