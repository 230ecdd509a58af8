// nginx for the browser benchmarks: one server per built site, each on a free port of
// 127.0.0.1, compressing as deploy/nginx.conf does (its .gz copies as they are, smaller files
// on the fly at the copies' level), nothing cached by the browser.
import { spawn } from "node:child_process";
import { mkdirSync, writeFileSync } from "node:fs";
import net from "node:net";
import path from "node:path";
import { findNginx } from "../tests/browser/nginx.mjs";

const freePort = () =>
  new Promise((resolve, reject) => {
    const s = net.createServer();
    s.once("error", reject);
    s.listen(0, "127.0.0.1", () => {
      const { port } = s.address();
      s.close(() => resolve(port));
    });
  });

/**
 * Serves each of `sites` ({ dir }) on a port of its own, set as `site.port`, with the
 * configuration and logs in the folder `tmp`. Returns the nginx process (kill it at the end).
 */
export async function serveSites(sites, tmp) {
  for (const site of sites) site.port = await freePort();
  const nginx = findNginx();
  if (!nginx) throw new Error("nginx is not installed");
  mkdirSync(path.join(tmp, "tmp"), { recursive: true });
  const asRoot = typeof process.getuid === "function" && process.getuid() === 0;
  writeFileSync(path.join(tmp, "nginx.conf"), [
    "daemon off;", "worker_processes 1;", asRoot ? "user root;" : "", `pid ${tmp}/nginx.pid;`,
    `error_log ${tmp}/error.log warn;`, "events { worker_connections 64; }", "http {",
    "  access_log off;", `  client_body_temp_path ${tmp}/tmp/body;`, `  proxy_temp_path ${tmp}/tmp/proxy;`,
    `  fastcgi_temp_path ${tmp}/tmp/fastcgi;`, `  uwsgi_temp_path ${tmp}/tmp/uwsgi;`, `  scgi_temp_path ${tmp}/tmp/scgi;`,
    "  sendfile on;",
    "  types { text/html html; text/css css; text/javascript js; application/json json; image/svg+xml svg; }",
    ...sites.map((s) => `  server { listen 127.0.0.1:${s.port}; root ${s.dir}; index index.html;
    gzip_static on; gzip on; gzip_vary on; gzip_min_length 512; gzip_comp_level 6;
    gzip_types text/css text/javascript application/json image/svg+xml;
    add_header Cache-Control "no-cache" always; }`),
    "}", "",
  ].join("\n"));
  const server = spawn(nginx, ["-p", tmp + "/", "-c", path.join(tmp, "nginx.conf"), "-e", path.join(tmp, "error.log")], { stdio: "ignore" });
  await new Promise((r) => setTimeout(r, 300));
  return server;
}
