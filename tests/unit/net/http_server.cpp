// SPDX-License-Identifier: MIT
#include "http_server.hpp"

#include <arpa/inet.h>
#include <netinet/in.h>
#include <poll.h>
#include <sys/socket.h>
#include <unistd.h>

#include <algorithm>
#include <cctype>
#include <sstream>
#include <stdexcept>

namespace rapport::test {
namespace {

constexpr std::size_t max_request_bytes = 64 * 1024;

int bind_loopback(int& port) {
  const int fd = ::socket(AF_INET, SOCK_STREAM, 0);
  if (fd < 0) throw std::runtime_error("socket() failed");
  int yes = 1;
  ::setsockopt(fd, SOL_SOCKET, SO_REUSEADDR, &yes, sizeof yes);
  sockaddr_in addr{};
  addr.sin_family = AF_INET;
  addr.sin_addr.s_addr = htonl(INADDR_LOOPBACK);  // loopback only, never another interface
  addr.sin_port = 0;
  if (::bind(fd, reinterpret_cast<sockaddr*>(&addr), sizeof addr) != 0) {
    ::close(fd);
    throw std::runtime_error("bind(127.0.0.1) failed");
  }
  socklen_t len = sizeof addr;
  ::getsockname(fd, reinterpret_cast<sockaddr*>(&addr), &len);
  port = ntohs(addr.sin_port);
  return fd;
}

void send_all(int fd, const std::string& data) {
  std::size_t sent = 0;
  while (sent < data.size()) {
    const ssize_t n = ::send(fd, data.data() + sent, data.size() - sent, MSG_NOSIGNAL);
    if (n <= 0) return;  // the client went away (e.g. it timed out): fine
    sent += static_cast<std::size_t>(n);
  }
}

std::string lower(std::string s) {
  std::transform(s.begin(), s.end(), s.begin(), [](unsigned char c) { return std::tolower(c); });
  return s;
}

std::string trim(const std::string& s) {
  const auto b = s.find_first_not_of(" \t\r\n");
  if (b == std::string::npos) return {};
  return s.substr(b, s.find_last_not_of(" \t\r\n") - b + 1);
}

std::string reason(int status) {
  switch (status) {
    case 200: return "OK";
    case 301: return "Moved Permanently";
    case 302: return "Found";
    case 304: return "Not Modified";
    case 404: return "Not Found";
    case 500: return "Internal Server Error";
    default: return "Status";
  }
}

}  // namespace

int closed_port() {
  int port = 0;
  const int fd = bind_loopback(port);
  ::close(fd);
  return port;
}

HttpServer::HttpServer() {
  m_listen = bind_loopback(m_port);
  ::listen(m_listen, 64);
  m_acceptor = std::thread([this] { accept_loop(); });
}

HttpServer::~HttpServer() {
  m_stop = true;
  m_acceptor.join();
  ::close(m_listen);
  std::vector<std::thread> workers;
  {
    std::lock_guard lock(m_mutex);
    workers.swap(m_workers);
  }
  for (auto& w : workers) w.join();
}

std::string HttpServer::url(const std::string& path) const {
  return "http://127.0.0.1:" + std::to_string(m_port) + path;
}

void HttpServer::set(const std::string& path, Route route) {
  std::lock_guard lock(m_mutex);
  m_routes[path] = std::move(route);
}

std::vector<Request> HttpServer::requests() const {
  std::lock_guard lock(m_mutex);
  return m_requests;
}

std::size_t HttpServer::request_count(const std::string& path) const {
  std::lock_guard lock(m_mutex);
  return static_cast<std::size_t>(
      std::count_if(m_requests.begin(), m_requests.end(), [&](const Request& r) { return r.path == path; }));
}

void HttpServer::accept_loop() {
  while (!m_stop) {
    pollfd p{m_listen, POLLIN, 0};
    if (::poll(&p, 1, 50) <= 0) continue;
    const int client = ::accept(m_listen, nullptr, nullptr);
    if (client < 0) continue;
    std::lock_guard lock(m_mutex);
    m_workers.emplace_back([this, client] { serve(client); });
  }
}

void HttpServer::serve(int client) {
  timeval tv{5, 0};  // a stuck client cannot keep a worker forever
  ::setsockopt(client, SOL_SOCKET, SO_RCVTIMEO, &tv, sizeof tv);
  std::string data;
  char buffer[4096];
  while (data.find("\r\n\r\n") == std::string::npos && data.size() < max_request_bytes) {
    const ssize_t n = ::recv(client, buffer, sizeof buffer, 0);
    if (n <= 0) break;
    data.append(buffer, static_cast<std::size_t>(n));
  }
  const auto head_end = data.find("\r\n\r\n");
  if (head_end == std::string::npos) {
    ::close(client);
    return;
  }
  Request request;
  std::istringstream head(data.substr(0, head_end));
  std::string line;
  std::getline(head, line);
  std::istringstream first(line);
  first >> request.method >> request.path;
  while (std::getline(head, line)) {
    const auto colon = line.find(':');
    if (colon == std::string::npos) continue;
    request.headers[lower(trim(line.substr(0, colon)))] = trim(line.substr(colon + 1));
  }
  request.body_bytes = data.size() - head_end - 4;
  if (auto it = request.headers.find("content-length"); it != request.headers.end())
    request.body_bytes = std::max(request.body_bytes, static_cast<std::size_t>(std::stoul(it->second)));

  Route route;
  bool found = false;
  {
    std::lock_guard lock(m_mutex);
    m_requests.push_back(request);
    if (auto it = m_routes.find(request.path); it != m_routes.end()) {
      route = it->second;
      found = true;
    }
  }
  if (!found) {
    route.status = 404;
    route.body = "<html><body>not found</body></html>";
  }
  // Sleep in small steps so that the server still stops promptly.
  for (auto waited = std::chrono::milliseconds(0); waited < route.delay && !m_stop;
       waited += std::chrono::milliseconds(20))
    std::this_thread::sleep_for(std::chrono::milliseconds(20));

  int status = route.status;
  const auto header = [&](const char* name) {
    const auto it = request.headers.find(name);
    return it == request.headers.end() ? std::string{} : it->second;
  };
  if (status == 200 && ((!route.etag.empty() && header("if-none-match") == route.etag) ||
                        (!route.last_modified.empty() && header("if-modified-since") == route.last_modified)))
    status = 304;
  std::string response = "HTTP/1.1 " + std::to_string(status) + " " + reason(status) + "\r\n";
  response += "Connection: close\r\nContent-Type: application/xml\r\n";
  if (!route.etag.empty()) response += "ETag: " + route.etag + "\r\n";
  if (!route.last_modified.empty()) response += "Last-Modified: " + route.last_modified + "\r\n";
  if (!route.location.empty()) response += "Location: " + route.location + "\r\n";
  const std::string body = status == 304 ? std::string{} : route.body;
  if (route.send_length || status == 304)
    response += "Content-Length: " + std::to_string(body.size() + route.extra_declared) + "\r\n";
  response += "\r\n";
  response += body;
  send_all(client, response);
  ::shutdown(client, SHUT_RDWR);
  ::close(client);
}

}  // namespace rapport::test
