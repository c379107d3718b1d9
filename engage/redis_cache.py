"""Django's Redis cache backend, with one redis-py client per connection pool.

Django's client builds a new `redis.Redis` for every cache call, and redis-py fills a
table of some 170 response callbacks in each constructor: on a page served from the
shared rendering that cost more than the cache round trips themselves. The client holds
no data (the pool holds the connections), so keeping it is safe across threads and can
never hide a change made by another process.
"""

from django.core.cache.backends.redis import RedisCache, RedisCacheClient


class ReusedClientRedisCacheClient(RedisCacheClient):
    def __init__(self, *args, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        self._clients: dict[int, object] = {}

    def get_client(self, key=None, *, write=False):
        pool = self._get_connection_pool(write)
        client = self._clients.get(id(pool))
        if client is None:
            client = self._clients[id(pool)] = self._client(connection_pool=pool)
        return client


class ReusedClientRedisCache(RedisCache):
    def __init__(self, server, params) -> None:
        super().__init__(server, params)
        self._class = ReusedClientRedisCacheClient
