# Webchat in a container: a static-ish release build on Debian slim.
# The web apps' builds are committed, so no Node is needed here.
FROM rust:1-bookworm AS build
RUN apt-get update && apt-get install -y --no-install-recommends cmake && rm -rf /var/lib/apt/lists/*
WORKDIR /src
COPY . .
RUN cargo build --release --locked && strip target/release/webchat

FROM debian:bookworm-slim
RUN apt-get update && apt-get install -y --no-install-recommends ca-certificates && rm -rf /var/lib/apt/lists/* \
    && useradd --system --home /var/lib/webchat --create-home webchat
COPY --from=build /src/target/release/webchat /usr/local/bin/webchat
USER webchat
WORKDIR /var/lib/webchat
ENV HOST=0.0.0.0 PORT=3001
EXPOSE 3001
HEALTHCHECK --interval=10s --timeout=3s CMD ["/bin/sh", "-c", "exec 3<>/dev/tcp/127.0.0.1/3001"]
ENTRYPOINT ["webchat"]
