# Build stage: compiles the release binary (SQLite and libpq are built from source, so the
# runtime image needs no database client libraries).
FROM rust:1.95-bookworm AS build
WORKDIR /src
COPY Cargo.toml Cargo.lock ./
COPY src ./src
COPY crates ./crates
COPY locales ./locales
COPY templates ./templates
COPY assets ./assets
COPY migrations ./migrations
COPY benches ./benches
RUN cargo build --release --locked && strip target/release/wijkbudget

# Runtime stage: the binary, CA certificates for SMTP over TLS, and an unprivileged user.
FROM debian:bookworm-slim
RUN apt-get update && apt-get install -y --no-install-recommends ca-certificates \
    && rm -rf /var/lib/apt/lists/* \
    && useradd --system --home /var/lib/wijkbudget --create-home wijkbudget
COPY --from=build /src/target/release/wijkbudget /usr/local/bin/wijkbudget
USER wijkbudget
WORKDIR /var/lib/wijkbudget
ENV BIND=0.0.0.0:8080 DATA_DIR=/var/lib/wijkbudget/data
EXPOSE 8080
HEALTHCHECK --interval=10s --timeout=3s CMD ["/usr/local/bin/wijkbudget", "healthcheck"]
ENTRYPOINT ["/usr/local/bin/wijkbudget"]
CMD ["serve"]
