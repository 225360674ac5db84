// The simulated registries: which images exist, their tags and sizes, what they run by default,
// and how containerd reports a pull that fails. Also the node-side image cache and the images
// a kind node comes with.
import { sha256Hex } from './util.js';

/** What a container of this image does when it runs its default entrypoint (see process.ts). */
export type Personality =
  | 'redis' | 'nginx' | 'mysql' | 'mariadb' | 'postgres' | 'mongo' | 'memcached' | 'httpd' | 'rabbitmq'
  | 'shell' | 'hello-world' | 'perl' | 'python' | 'node' | 'server' | 'pause' | 'coredns' | 'agnhost'
  | 'stress' | 'echo-server' | 'hello-app' | 'bootcamp' | 'ingress-nginx' | 'hpa-example';

/** The executables an image ships (for `exec: "x": executable file not found in $PATH`). */
export type Toolbox = 'busybox' | 'debian' | 'none';

export interface CatalogEntry {
  /** Normalized repository, e.g. docker.io/library/redis. */
  repo: string;
  /** Concrete versions, newest first; the first is what `latest` points to. */
  versions: string[];
  /** Extra tags pointing at a version (`stable`, `lts`, `mainline`, ...). */
  aliases?: Record<string, string>;
  /** Tag suffixes ("alpine" in "7.2-alpine" or alone) and the size factor of that variant. */
  variants?: Record<string, number>;
  /** Image size in bytes (compressed layers, what the kubelet's Pulled event reports) of `latest`. */
  size: number;
  /** Whether `latest` exists (elasticsearch, for one, publishes none). */
  noLatest?: boolean;
  entrypoint: string[];
  cmd: string[];
  personality: Personality;
  toolbox: Toolbox;
  /** Further executables on PATH besides the toolbox. */
  bins?: string[];
  /** What the runtime sends to stop the container (the image's STOPSIGNAL). */
  stopSignal?: string;
  /** The image's WORKDIR, where its processes (and execs) start; `/` when it sets none. */
  workdir?: string;
}

const debian = (extra: string[] = []): Pick<CatalogEntry, 'toolbox' | 'bins'> => ({ toolbox: 'debian', bins: extra });

const versions = (...v: string[]) => v;

/** Known images. Sizes are plausible for early-2025 linux/amd64 builds. */
export const CATALOG: CatalogEntry[] = [
  {
    repo: 'docker.io/library/redis', workdir: '/data', size: 45_334_873,
    versions: versions('7.4.2', '7.4.1', '7.2.7', '7.2.4', '7.0.15', '6.2.17', '6.2.6', '6.0.20', '6.0.5', '5.0.14', '5.0.7', '4.0.14', '3.2.12'),
    variants: { alpine: 0.39, bookworm: 1 },
    entrypoint: ['docker-entrypoint.sh'], cmd: ['redis-server'], personality: 'redis',
    ...debian(['redis-server', 'redis-cli', 'redis-sentinel', 'docker-entrypoint.sh']),
  },
  {
    repo: 'docker.io/library/nginx', size: 72_099_501,
    versions: versions('1.27.3', '1.27.2', '1.27.1', '1.27.0', '1.26.2', '1.25.5', '1.25.3', '1.24.0', '1.23.4', '1.22.1',
      '1.21.6', '1.20.2', '1.19.10', '1.18.0', '1.17.10', '1.16.1', '1.16.0', '1.15.12', '1.14.2', '1.13.12', '1.12.2', '1.11.13',
      '1.10.3', '1.9.15', '1.7.9'),
    aliases: { mainline: '1.27.3', stable: '1.26.2', perl: '1.27.3' },
    variants: { alpine: 0.29, 'alpine-slim': 0.07, bookworm: 1, perl: 1.2, 'alpine-perl': 0.4 },
    entrypoint: ['/docker-entrypoint.sh'], cmd: ['nginx', '-g', 'daemon off;'], personality: 'nginx', stopSignal: 'SIGQUIT',
    ...debian(['nginx', 'docker-entrypoint.sh', '/docker-entrypoint.sh', 'curl']),
  },
  {
    repo: 'docker.io/library/busybox', size: 2_155_834,
    versions: versions('1.37.0', '1.36.1', '1.36.0', '1.35.0', '1.34.1', '1.33.1', '1.32.1', '1.31.1', '1.30.1', '1.29.3',
      '1.28.4', '1.28.0', '1.27.2', '1.26.2', '1.25.1', '1.24.2'),
    aliases: { stable: '1.36.1' },
    variants: { glibc: 2.0, musl: 0.7, uclibc: 0.9 },
    entrypoint: [], cmd: ['sh'], personality: 'shell', toolbox: 'busybox',
  },
  {
    repo: 'docker.io/library/alpine', size: 3_653_068,
    versions: versions('3.21.2', '3.21.0', '3.20.5', '3.20.3', '3.19.6', '3.19.1', '3.18.11', '3.17.10', '3.16.9', '3.15.11',
      '3.14.10', '3.13.12', '3.12.12', '3.11.13', '3.10.9', '3.9.6', '3.8.5', '3.7.3'),
    aliases: { edge: '3.21.2' },
    entrypoint: [], cmd: ['/bin/sh'], personality: 'shell', toolbox: 'busybox',
  },
  {
    repo: 'docker.io/library/ubuntu', size: 29_754_422,
    versions: versions('24.04', '22.04', '20.04', '18.04', '16.04', '24.10'),
    aliases: { noble: '24.04', jammy: '22.04', focal: '20.04', bionic: '18.04', xenial: '16.04', oracular: '24.10', rolling: '24.10', devel: '24.10' },
    entrypoint: [], cmd: ['/bin/bash'], personality: 'shell', ...debian(),
  },
  {
    repo: 'docker.io/library/debian', size: 48_494_272,
    versions: versions('12.9', '12.8', '11.11', '10.13', '9.13'),
    aliases: { bookworm: '12.9', bullseye: '11.11', buster: '10.13', stretch: '9.13', stable: '12.9', oldstable: '11.11' },
    variants: { slim: 0.58 },
    entrypoint: [], cmd: ['bash'], personality: 'shell', ...debian(),
  },
  {
    repo: 'docker.io/library/centos', size: 75_181_999,
    versions: versions('8.4.2105', '7.9.2009', '6.10'),
    aliases: { centos8: '8.4.2105', centos7: '7.9.2009' },
    entrypoint: [], cmd: ['/bin/bash'], personality: 'shell', ...debian(),
  },
  {
    repo: 'docker.io/library/fedora', size: 60_893_441,
    versions: versions('41', '40', '39'),
    entrypoint: [], cmd: ['/bin/bash'], personality: 'shell', ...debian(),
  },
  {
    repo: 'docker.io/library/mysql', size: 170_336_214,
    versions: versions('9.2.0', '9.1.0', '8.4.4', '8.4.3', '8.0.41', '8.0.40', '5.7.44', '5.6.51'),
    aliases: { lts: '8.4.4', innovation: '9.2.0' },
    variants: { oracle: 1, debian: 1.05 },
    entrypoint: ['docker-entrypoint.sh'], cmd: ['mysqld'], personality: 'mysql',
    ...debian(['mysqld', 'mysql', 'docker-entrypoint.sh']),
  },
  {
    repo: 'docker.io/library/mariadb', size: 118_424_873,
    versions: versions('11.6.2', '11.4.4', '10.11.10', '10.6.20', '10.5.27'),
    aliases: { lts: '11.4.4' },
    entrypoint: ['docker-entrypoint.sh'], cmd: ['mariadbd'], personality: 'mariadb',
    ...debian(['mariadbd', 'mysqld', 'mariadb', 'docker-entrypoint.sh']),
  },
  {
    repo: 'docker.io/library/postgres', size: 158_227_610,
    versions: versions('17.2', '16.6', '15.10', '14.15', '13.18', '12.22', '11.22', '10.23', '9.6.24'),
    variants: { alpine: 0.42, bookworm: 1, bullseye: 1.02 },
    entrypoint: ['docker-entrypoint.sh'], cmd: ['postgres'], personality: 'postgres', stopSignal: 'SIGINT',
    ...debian(['postgres', 'psql', 'docker-entrypoint.sh']),
  },
  {
    repo: 'docker.io/library/mongo', size: 274_993_815,
    versions: versions('8.0.4', '7.0.16', '6.0.20', '5.0.30', '4.4.29'),
    entrypoint: ['docker-entrypoint.sh'], cmd: ['mongod'], personality: 'mongo',
    ...debian(['mongod', 'mongosh', 'docker-entrypoint.sh']),
  },
  {
    repo: 'docker.io/library/memcached', size: 32_135_112,
    versions: versions('1.6.34', '1.6.33', '1.6.21', '1.5.22'),
    variants: { alpine: 0.15, bookworm: 1 },
    entrypoint: ['docker-entrypoint.sh'], cmd: ['memcached'], personality: 'memcached',
    ...debian(['memcached', 'docker-entrypoint.sh']),
  },
  {
    repo: 'docker.io/library/httpd', workdir: '/usr/local/apache2', size: 58_286_340,
    versions: versions('2.4.63', '2.4.62', '2.4.58', '2.2.34'),
    variants: { alpine: 0.41, bookworm: 1 },
    entrypoint: [], cmd: ['httpd-foreground'], personality: 'httpd', stopSignal: 'SIGWINCH',
    ...debian(['httpd', 'httpd-foreground', 'apachectl']),
  },
  {
    repo: 'docker.io/library/rabbitmq', size: 110_476_203,
    versions: versions('4.0.5', '3.13.7', '3.12.14', '3.11.28', '3.8.34'),
    variants: { management: 1.13, alpine: 0.62, 'management-alpine': 0.78 },
    entrypoint: ['docker-entrypoint.sh'], cmd: ['rabbitmq-server'], personality: 'rabbitmq',
    ...debian(['rabbitmq-server', 'rabbitmqctl', 'docker-entrypoint.sh']),
  },
  {
    repo: 'docker.io/library/perl', size: 334_208_512,
    versions: versions('5.40.1', '5.40.0', '5.38.3', '5.36.3', '5.34.3', '5.34.0', '5.32.1', '5.30.3'),
    variants: { slim: 0.14, threaded: 1.01, 'slim-bookworm': 0.14, bookworm: 1 },
    entrypoint: [], cmd: ['perl5.40.1', '-de0'], personality: 'perl', ...debian(['perl', 'cpan']),
  },
  {
    repo: 'docker.io/library/python', size: 389_415_104,
    versions: versions('3.13.1', '3.12.8', '3.11.11', '3.10.16', '3.9.21', '3.8.20', '3.7.17', '3.6.15', '2.7.18'),
    variants: { slim: 0.16, alpine: 0.06, bookworm: 1, bullseye: 1.02, 'slim-bookworm': 0.16, 'slim-bullseye': 0.17 },
    entrypoint: [], cmd: ['python3'], personality: 'python', ...debian(['python', 'python3', 'pip', 'pip3']),
  },
  {
    repo: 'docker.io/library/node', size: 398_201_388,
    versions: versions('23.6.0', '22.13.0', '20.18.1', '18.20.5', '16.20.2', '14.21.3', '12.22.12'),
    aliases: { lts: '22.13.0', current: '23.6.0' },
    variants: { alpine: 0.14, slim: 0.2, bookworm: 1, bullseye: 1.02, 'bookworm-slim': 0.2 },
    entrypoint: ['docker-entrypoint.sh'], cmd: ['node'], personality: 'node', ...debian(['node', 'npm', 'npx', 'yarn']),
  },
  {
    repo: 'docker.io/library/golang', workdir: '/go', size: 301_845_990,
    versions: versions('1.23.4', '1.22.10', '1.21.13'),
    variants: { alpine: 0.28, bookworm: 1 },
    entrypoint: [], cmd: ['bash'], personality: 'shell', ...debian(['go', 'gofmt']),
  },
  {
    repo: 'docker.io/library/eclipse-temurin', size: 194_103_911,
    versions: versions('21', '17', '11', '8'),
    variants: { jre: 0.49, jdk: 1, alpine: 0.78 },
    entrypoint: [], cmd: ['jshell'], personality: 'shell', ...debian(['java', 'jshell']),
  },
  {
    repo: 'docker.io/library/openjdk', size: 327_142_330,
    versions: versions('22', '21', '17', '11', '8'),
    variants: { jdk: 1, slim: 0.42 },
    entrypoint: [], cmd: ['jshell'], personality: 'shell', ...debian(['java', 'jshell']),
  },
  {
    repo: 'docker.io/library/tomcat', workdir: '/usr/local/tomcat', size: 202_561_009,
    versions: versions('11.0.2', '10.1.34', '9.0.98', '8.5.100'),
    entrypoint: [], cmd: ['catalina.sh', 'run'], personality: 'server', ...debian(['catalina.sh', 'java']),
  },
  {
    repo: 'docker.io/library/wordpress', workdir: '/var/www/html', size: 253_912_337,
    versions: versions('6.7.1', '6.6.2', '6.5.5', '5.8.3', '4.8'),
    variants: { apache: 1, fpm: 0.92, 'php8.3': 1, 'php8.2': 1 },
    entrypoint: ['docker-entrypoint.sh'], cmd: ['apache2-foreground'], personality: 'server', stopSignal: 'SIGWINCH',
    ...debian(['apache2-foreground', 'php', 'docker-entrypoint.sh']),
  },
  {
    repo: 'docker.io/library/elasticsearch', workdir: '/usr/share/elasticsearch', size: 661_094_912, noLatest: true,
    versions: versions('8.17.0', '8.16.2', '7.17.26'),
    entrypoint: ['/bin/tini', '--', '/usr/local/bin/docker-entrypoint.sh'], cmd: ['eswrapper'], personality: 'server',
    ...debian(['elasticsearch', 'eswrapper']),
  },
  {
    repo: 'docker.io/library/traefik', size: 50_283_112,
    versions: versions('3.3.1', '3.2.3', '2.11.18', '1.7.34'),
    entrypoint: ['/entrypoint.sh'], cmd: ['traefik'], personality: 'server', toolbox: 'busybox', bins: ['traefik'],
  },
  {
    repo: 'docker.io/library/haproxy', workdir: '/var/lib/haproxy', size: 40_771_582,
    versions: versions('3.1.2', '3.0.7', '2.8.13', '2.4.28'),
    aliases: { lts: '3.0.7' },
    variants: { alpine: 0.3 },
    entrypoint: ['docker-entrypoint.sh'], cmd: ['haproxy', '-f', '/usr/local/etc/haproxy/haproxy.cfg'], personality: 'server',
    stopSignal: 'SIGUSR1', ...debian(['haproxy', 'docker-entrypoint.sh']),
  },
  {
    repo: 'docker.io/library/hello-world', size: 9_220,
    versions: versions('linux'),
    aliases: { latest: 'linux' },
    entrypoint: [], cmd: ['/hello'], personality: 'hello-world', toolbox: 'none', bins: ['/hello'],
  },
  {
    repo: 'docker.io/polinux/stress', size: 4_041_309,
    versions: versions('1.0.4'),
    entrypoint: [], cmd: ['stress'], personality: 'stress', toolbox: 'busybox', bins: ['stress'],
  },
  {
    repo: 'docker.io/vish/stress', size: 5_032_704,
    versions: versions('latest'),
    entrypoint: ['/stress', '-logtostderr'], cmd: [], personality: 'server', toolbox: 'none', bins: ['/stress'],
  },
  {
    repo: 'docker.io/kicbase/echo-server', size: 1_990_253,
    versions: versions('1.0'),
    entrypoint: ['/echo-server'], cmd: [], personality: 'echo-server', toolbox: 'none', bins: ['/echo-server'],
  },
  {
    repo: 'docker.io/curlimages/curl', size: 11_534_872,
    versions: versions('8.11.1', '8.10.1', '8.5.0'),
    entrypoint: ['/entrypoint.sh'], cmd: ['curl'], personality: 'shell', toolbox: 'busybox', bins: ['curl', '/entrypoint.sh'],
  },
  {
    repo: 'docker.io/radial/busyboxplus', size: 4_225_302,
    versions: versions('curl'), aliases: { latest: 'curl' },
    entrypoint: [], cmd: ['/bin/sh'], personality: 'shell', toolbox: 'busybox', bins: ['curl'],
  },
  {
    repo: 'registry.k8s.io/pause', size: 320_368,
    versions: versions('3.10', '3.9', '3.8', '3.7', '3.6', '3.5', '3.4.1', '3.2', '3.1'),
    entrypoint: ['/pause'], cmd: [], personality: 'pause', toolbox: 'none', bins: ['/pause'],
  },
  {
    repo: 'registry.k8s.io/busybox', size: 1_144_547,
    versions: versions('1.27.2'),
    aliases: { latest: '1.27.2' },
    entrypoint: [], cmd: ['sh'], personality: 'shell', toolbox: 'busybox',
  },
  {
    repo: 'registry.k8s.io/e2e-test-images/agnhost', size: 51_191_612,
    versions: versions('2.53', '2.52', '2.51', '2.47', '2.45', '2.43', '2.40', '2.39', '2.33'),
    noLatest: true,
    entrypoint: ['/agnhost'], cmd: ['pause'], personality: 'agnhost', toolbox: 'busybox', bins: ['/agnhost'],
  },
  {
    repo: 'registry.k8s.io/e2e-test-images/busybox', size: 737_818,
    versions: versions('1.36.1-1', '1.29-4', '1.29-2'), noLatest: true,
    entrypoint: [], cmd: ['sh'], personality: 'shell', toolbox: 'busybox',
  },
  {
    // The image of the Kubernetes "Debugging DNS Resolution" task: Debian jessie with BIND's dnsutils.
    repo: 'registry.k8s.io/e2e-test-images/jessie-dnsutils', size: 112_408_231,
    versions: versions('1.7', '1.5', '1.4', '1.3', '1.2', '1.1', '1.0'), noLatest: true,
    entrypoint: [], cmd: ['bash'], personality: 'shell', ...debian(['nslookup', 'dig', 'host', 'nsupdate', '/coredns']),
  },
  {
    repo: 'registry.k8s.io/goproxy', size: 2_989_287,
    versions: versions('0.1'), noLatest: true,
    entrypoint: ['/goproxy'], cmd: [], personality: 'server', toolbox: 'none', bins: ['/goproxy'],
  },
  {
    repo: 'registry.k8s.io/hpa-example', size: 179_919_390,
    versions: versions('latest'),
    entrypoint: [], cmd: ['apache2-foreground'], personality: 'hpa-example', ...debian(['apache2-foreground', 'php']),
  },
  {
    repo: 'registry.k8s.io/echoserver', size: 46_237_695,
    versions: versions('1.10', '1.4'), noLatest: true,
    entrypoint: [], cmd: ['/usr/local/bin/run.sh'], personality: 'server', ...debian(['/usr/local/bin/run.sh', 'nginx']),
  },
  {
    repo: 'registry.k8s.io/nginx-slim', size: 26_214_400,
    versions: versions('0.27', '0.26', '0.24', '0.8'), noLatest: true,
    // Its build.sh installs curl to fetch nginx's sources and never removes it (the StatefulSet tutorial curls with it).
    entrypoint: [], cmd: ['nginx', '-g', 'daemon off;'], personality: 'nginx', stopSignal: 'SIGQUIT', ...debian(['nginx', 'curl']),
  },
  {
    repo: 'registry.k8s.io/etcd', size: 57_680_541,
    versions: versions('3.5.16-0', '3.5.15-0', '3.5.12-0', '3.5.10-0'), noLatest: true,
    entrypoint: [], cmd: ['/usr/local/bin/etcd'], personality: 'server', toolbox: 'none', bins: ['etcd', 'etcdctl', '/usr/local/bin/etcd'],
  },
  {
    // The controller kind's ingress guide installs (deploy/static/provider/kind/deploy.yaml).
    repo: 'registry.k8s.io/ingress-nginx/controller', workdir: '/etc/nginx', size: 105_614_120,
    versions: versions('v1.12.1', 'v1.12.0', 'v1.11.5', 'v1.11.3', 'v1.10.1', 'v1.9.6'), noLatest: true,
    entrypoint: ['/usr/bin/dumb-init', '--'], cmd: ['/nginx-ingress-controller'], personality: 'ingress-nginx', toolbox: 'busybox',
    bins: ['/nginx-ingress-controller', '/wait-shutdown', 'nginx', 'dumb-init', '/usr/bin/dumb-init'],
  },
  {
    // The 0.x controller of the tutorials (seed 004 runs a copy of it, taobeier/...).
    repo: 'quay.io/kubernetes-ingress-controller/nginx-ingress-controller', size: 172_383_121,
    versions: versions('0.26.1', '0.25.1', '0.24.1', '0.21.0', '0.20.0'), noLatest: true,
    entrypoint: ['/usr/bin/dumb-init', '--'], cmd: ['/nginx-ingress-controller'], personality: 'ingress-nginx',
    ...debian(['/nginx-ingress-controller', '/wait-shutdown', 'nginx', 'dumb-init', '/usr/bin/dumb-init']),
  },
  {
    repo: 'docker.io/taobeier/nginx-ingress-controller', size: 172_383_121,
    versions: versions('0.21.0'), noLatest: true,
    entrypoint: ['/usr/bin/dumb-init', '--'], cmd: ['/nginx-ingress-controller'], personality: 'ingress-nginx',
    ...debian(['/nginx-ingress-controller', 'nginx', 'dumb-init', '/usr/bin/dumb-init']),
  },
  {
    repo: 'registry.k8s.io/coredns/coredns', size: 18_562_039,
    versions: versions('v1.11.3', 'v1.11.1', 'v1.10.1'), noLatest: true,
    entrypoint: ['/coredns'], cmd: [], personality: 'coredns', toolbox: 'none', bins: ['/coredns'],
  },
  ...['kube-apiserver', 'kube-controller-manager', 'kube-scheduler', 'kube-proxy'].map((c): CatalogEntry => ({
    repo: `registry.k8s.io/${c}`,
    size: { 'kube-apiserver': 28_671_624, 'kube-controller-manager': 26_259_392, 'kube-scheduler': 20_657_536, 'kube-proxy': 30_908_485 }[c] ?? 25_000_000,
    versions: versions('v1.32.2', 'v1.32.1', 'v1.32.0', 'v1.31.6', 'v1.31.4', 'v1.30.10', 'v1.29.14'), noLatest: true,
    entrypoint: [], cmd: [`/usr/local/bin/${c}`], personality: 'server', toolbox: c === 'kube-proxy' ? 'debian' : 'none',
    bins: [c, `/usr/local/bin/${c}`],
  })),
  {
    // kube-state-metrics' examples/standard Deployment runs it with the image's own entrypoint.
    repo: 'registry.k8s.io/kube-state-metrics/kube-state-metrics', size: 20_873_515,
    versions: versions('v2.14.0', 'v2.13.0', 'v2.12.0', 'v2.10.1'), noLatest: true,
    entrypoint: ['/kube-state-metrics', '--port=8080', '--telemetry-port=8081'], cmd: [], personality: 'server', toolbox: 'none',
    bins: ['/kube-state-metrics'],
  },
  {
    repo: 'docker.io/kindest/kindnetd', size: 39_008_320,
    versions: versions('v20250214-acbabc1a', 'v20241212-9f82dd49', 'v20241108-5c6d2daf'), noLatest: true,
    entrypoint: [], cmd: ['/bin/kindnetd'], personality: 'server', toolbox: 'none', bins: ['/bin/kindnetd'],
  },
  {
    repo: 'docker.io/kindest/local-path-provisioner', size: 22_541_737,
    versions: versions('v20250214-acbabc1a', 'v20241212-8ac705d0', 'v20241108-5c6d2daf'), noLatest: true,
    entrypoint: [], cmd: ['local-path-provisioner'], personality: 'server', toolbox: 'busybox', bins: ['local-path-provisioner'],
  },
  {
    repo: 'docker.io/kindest/local-path-helper', size: 3_084_671,
    versions: versions('v20241212-8ac705d0', 'v20241108-5c6d2daf'), noLatest: true,
    entrypoint: [], cmd: ['sh'], personality: 'shell', toolbox: 'busybox',
  },
  {
    repo: 'gcr.io/google-samples/hello-app', size: 4_300_000,
    versions: versions('2.0', '1.0'), noLatest: true,
    entrypoint: ['/hello-app'], cmd: [], personality: 'hello-app', toolbox: 'none', bins: ['/hello-app'],
  },
  {
    repo: 'gcr.io/google-samples/kubernetes-bootcamp', size: 79_534_012,
    versions: versions('v1'), noLatest: true,
    entrypoint: ['/bin/sh', '-c', 'node server.js'], cmd: [], personality: 'bootcamp', ...debian(['node']),
  },
  {
    repo: 'gcr.io/google_samples/gb-frontend', size: 128_640_512,
    versions: versions('v5', 'v4'), noLatest: true,
    entrypoint: [], cmd: ['apache2-foreground'], personality: 'server', ...debian(['apache2-foreground', 'php']),
  },
  {
    repo: 'gcr.io/google-samples/gb-redis-follower', size: 35_651_584,
    versions: versions('v2', 'v1'), noLatest: true,
    entrypoint: [], cmd: ['/run.sh'], personality: 'redis', ...debian(['redis-server', '/run.sh']),
  },
  {
    repo: 'us-docker.pkg.dev/google-samples/containers/gke/gb-frontend', size: 128_640_512,
    versions: versions('v5'), noLatest: true,
    entrypoint: [], cmd: ['apache2-foreground'], personality: 'server', ...debian(['apache2-foreground', 'php']),
  },
];

const BY_REPO = new Map(CATALOG.map((e) => [e.repo, e]));

/** Registries whose answers mk simulates; an unknown registry host does not resolve. */
const KNOWN_REGISTRIES = new Set(['docker.io', 'registry.k8s.io', 'gcr.io', 'us-docker.pkg.dev', 'quay.io', 'ghcr.io',
  'mcr.microsoft.com', 'public.ecr.aws']);

/** An application image mk knows nothing about: a server that starts and keeps running. */
function genericEntry(repo: string, tag = 'latest'): CatalogEntry {
  // 20–150 MB, fixed per repository so pulls take the same time on every run.
  const size = 20_000_000 + (Number.parseInt(sha256Hex(repo).slice(0, 8), 16) % 130_000_000);
  return {
    repo, versions: [tag], size,
    entrypoint: [], cmd: ['/app'], personality: 'server', toolbox: 'busybox', bins: ['/app'],
  };
}

/** A parsed image reference, normalized as containerd does (docker.io/library/ for short names). */
export interface ImageRef {
  /** What the user wrote. */
  raw: string;
  domain: string;
  /** Path without the domain: library/redis, kindest/kindnetd. */
  path: string;
  /** The tag, "latest" when neither tag nor digest was given. */
  tag?: string;
  digest?: string;
  /** domain/path */
  repo: string;
  /** repo:tag or repo@digest — the name containerd stores the image under. */
  full: string;
}

const NAME_COMPONENT = /^[a-z0-9]+(?:(?:[._]|__|-+)[a-z0-9]+)*$/;
const TAG = /^[\w][\w.-]{0,127}$/;
const DIGEST = /^sha256:[a-f0-9]{64}$/;

export class InvalidImageName extends Error {}

/** docker/distribution's ParseNormalizedNamed, with its error wording. */
export function parseImage(raw: string): ImageRef {
  let rest = raw;
  let digest: string | undefined;
  const at = rest.indexOf('@');
  if (at >= 0) {
    digest = rest.slice(at + 1);
    rest = rest.slice(0, at);
    if (!DIGEST.test(digest)) throw new InvalidImageName('invalid reference format');
  }
  let tag: string | undefined;
  const colon = rest.lastIndexOf(':');
  if (colon > rest.lastIndexOf('/')) {
    tag = rest.slice(colon + 1);
    rest = rest.slice(0, colon);
    if (!TAG.test(tag)) throw new InvalidImageName('invalid reference format');
  }
  if (!rest) throw new InvalidImageName('invalid reference format');
  const parts = rest.split('/');
  let domain = 'docker.io';
  if (parts.length > 1 && (parts[0].includes('.') || parts[0].includes(':') || parts[0] === 'localhost' || parts[0] !== parts[0].toLowerCase())) {
    domain = parts.shift()!;
  }
  if (domain === 'index.docker.io') domain = 'docker.io';
  if (domain === 'k8s.gcr.io') domain = 'registry.k8s.io';
  if (domain === 'docker.io' && parts.length === 1) parts.unshift('library');
  const path = parts.join('/');
  if (path !== path.toLowerCase()) {
    throw new InvalidImageName(`invalid reference format: repository name (${path}) must be lowercase`);
  }
  if (!parts.every((p) => NAME_COMPONENT.test(p))) throw new InvalidImageName('invalid reference format');
  if (!tag && !digest) tag = 'latest';
  const repo = `${domain}/${path}`;
  return { raw, domain, path, tag, digest, repo, full: digest ? `${repo}@${digest}` : `${repo}:${tag}` };
}

/** What the registry has under a reference: its size, digest and default process. */
export interface ResolvedImage {
  ref: ImageRef;
  entry: CatalogEntry;
  /** The concrete version the tag points at ("7.4.2" for redis:latest). */
  version: string;
  variant?: string;
  size: number;
  /** sha256:<64 hex> of the manifest list, as imageID reports it. */
  digest: string;
}

export type PullFailure = { code: 'NotFound' | 'Unknown'; detail: string };

/** The registry's answer for a reference: the image, or why it cannot be pulled. */
export function resolveImage(ref: ImageRef): ResolvedImage | PullFailure {
  const entry = BY_REPO.get(ref.repo);
  if (!entry) {
    if (!KNOWN_REGISTRIES.has(ref.domain)) {
      return {
        code: 'Unknown',
        detail: `failed to do request: Head "https://${ref.domain}/v2/${ref.path}/manifests/${ref.tag ?? ref.digest}": dial tcp: lookup ${ref.domain.replace(/:\d+$/, '')}: no such host`,
      };
    }
    // Official images are a small, known set: an unknown `library/` name is a typo. A user's or
    // organisation's repository (`taobeier/saythx-be`, `ghcr.io/org/app`) is taken to exist, with
    // whatever tag is asked for, and runs as a generic long-running server.
    if (!ref.path.startsWith('library/')) {
      const entry = genericEntry(ref.repo, ref.tag);
      const version = ref.tag ?? 'latest';
      return { ref, entry, version, size: entry.size, digest: ref.digest ?? `sha256:${sha256Hex(`${ref.repo}:${version}`)}` };
    }
    if (ref.domain === 'docker.io') {
      return { code: 'Unknown', detail: 'pull access denied, repository does not exist or may require authorization: server message: insufficient_scope: authorization failed' };
    }
    return { code: 'NotFound', detail: `${ref.full}: not found` };
  }
  if (ref.digest) {
    // Any digest of a known repository is taken to be one of its published builds.
    return { ref, entry, version: entry.versions[0], size: entry.size, digest: ref.digest };
  }
  const found = resolveTag(entry, ref.tag ?? 'latest');
  if (!found) return { code: 'NotFound', detail: `${ref.full}: not found` };
  const factor = found.variant ? entry.variants?.[found.variant] ?? 1 : 1;
  const size = Math.round(sizeOfVersion(entry, found.version) * factor);
  return {
    ref, entry, version: found.version, variant: found.variant, size,
    digest: `sha256:${sha256Hex(`${entry.repo}:${found.version}${found.variant ? '-' + found.variant : ''}`)}`,
  };
}

function sizeOfVersion(entry: CatalogEntry, version: string): number {
  const i = entry.versions.indexOf(version);
  // Older releases were somewhat smaller; keep it plausible rather than exact.
  return Math.round(entry.size * (1 - Math.min(0.35, Math.max(0, i) * 0.03)));
}

function resolveTag(entry: CatalogEntry, tag: string): { version: string; variant?: string } | undefined {
  const direct = (t: string): string | undefined => {
    if (t === 'latest') return entry.noLatest ? undefined : entry.aliases?.latest ?? entry.versions[0];
    if (entry.aliases?.[t]) return entry.aliases[t];
    // "7" and "7.4" float to the newest release they prefix; "7.4.2" is exact.
    return entry.versions.find((v) => v === t || v.startsWith(`${t}.`) || v.startsWith(`${t}-`));
  };
  const v = direct(tag);
  if (v) return { version: v };
  for (const variant of Object.keys(entry.variants ?? {})) {
    if (tag === variant) return { version: entry.aliases?.latest ?? entry.versions[0], variant };
    if (tag.endsWith(`-${variant}`)) {
      const base = direct(tag.slice(0, -variant.length - 1));
      if (base) return { version: base, variant };
    }
  }
  return undefined;
}

/** The containerd (1.7 and 2.0 word it alike) error a failed pull surfaces as (the text after `Failed to pull image "x": `). */
export function pullErrorMessage(ref: ImageRef, failure: PullFailure): string {
  return `rpc error: code = ${failure.code} desc = failed to pull and unpack image "${ref.full}": failed to resolve reference "${ref.full}": ${failure.detail}`;
}

/** The catalog entry for a reference without tag checks (for default processes of cached images). */
export function catalogEntry(repo: string): CatalogEntry | undefined {
  const known = BY_REPO.get(repo);
  if (known) return known;
  const path = repo.slice(repo.indexOf('/') + 1);
  return path.startsWith('library/') ? undefined : genericEntry(repo);
}

/** One image as a node holds it; `names` as node.status.images lists them. */
export interface CachedImage {
  names: string[];
  sizeBytes: number;
}

/** The images kind v0.27 builds into its node image besides Kubernetes' own. */
export const KINDNETD_IMAGE = 'docker.io/kindest/kindnetd:v20250214-acbabc1a';
export const LOCAL_PATH_PROVISIONER_IMAGE = 'docker.io/kindest/local-path-provisioner:v20250214-acbabc1a';
export const LOCAL_PATH_HELPER_IMAGE = 'docker.io/kindest/local-path-helper:v20241212-8ac705d0';

/** Images a fresh kind v1.32 node has before any pod runs. */
export const KIND_PRELOADED_IMAGES: readonly string[] = [
  KINDNETD_IMAGE,
  LOCAL_PATH_HELPER_IMAGE,
  LOCAL_PATH_PROVISIONER_IMAGE,
  'registry.k8s.io/coredns/coredns:v1.11.3',
  'registry.k8s.io/etcd:3.5.16-0',
  'registry.k8s.io/kube-apiserver:v1.32.2',
  'registry.k8s.io/kube-controller-manager:v1.32.2',
  'registry.k8s.io/kube-proxy:v1.32.2',
  'registry.k8s.io/kube-scheduler:v1.32.2',
  'registry.k8s.io/pause:3.10',
];

/** node.status.images entries for references (digest name first, then the tag, as containerd lists them). */
export function nodeImageEntries(refs: readonly string[]): CachedImage[] {
  const out: CachedImage[] = [];
  for (const r of refs) {
    const ref = parseImage(r);
    const img = resolveImage(ref);
    if (!('entry' in img)) continue;
    out.push({ names: [`${ref.repo}@${img.digest}`, ref.full], sizeBytes: img.size });
  }
  // The kubelet reports the largest images first (and at most 50 of them).
  return out.sort((a, b) => b.sizeBytes - a.sizeBytes).slice(0, 50);
}

/** busybox release of each Alpine branch (its busybox package). */
const ALPINE_BUSYBOX: Record<string, string> = {
  '3.21': '1.37.0', '3.20': '1.36.1', '3.19': '1.36.1', '3.18': '1.36.1', '3.17': '1.35.0', '3.16': '1.35.0', '3.15': '1.34.1',
  '3.14': '1.33.1', '3.13': '1.32.1', '3.12': '1.31.1', '3.11': '1.31.1', '3.10': '1.30.1', '3.9': '1.29.3', '3.8': '1.28.4', '3.7': '1.27.2',
};

/** The busybox release an image's applets come from; undefined for images without busybox. */
export function busyboxVersionOf(image: { entry: CatalogEntry; version: string; variant?: string }): string | undefined {
  const { entry, version, variant } = image;
  if (entry.repo.endsWith('/busybox')) return /^\d+\.\d+(\.\d+)?/.exec(version)?.[0];
  if (entry.repo === 'docker.io/library/alpine') return ALPINE_BUSYBOX[version.split('.').slice(0, 2).join('.')];
  if (entry.toolbox === 'busybox' || variant?.includes('alpine')) return '1.36.1';
  return undefined;
}
