// Unit specs need no server: pointed at closed ports, one that reaches for MySQL or Redis fails at
// once, instead of passing on a machine that happens to run them.
process.env.MYSQL_URL = 'mysql://root@127.0.0.1:1';
process.env.REDIS_URL = 'redis://127.0.0.1:1';
