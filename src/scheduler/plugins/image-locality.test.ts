// plugins/imagelocality/image_locality_test.go (TestImageLocalityPriority, TestNormalizedImageName).
import { expect, test } from 'vitest';
import { runScore } from '../testing/framework.js';
import { makeNode, makePod } from '../testing/wrappers.js';
import { newImageLocality, normalizedImageName } from './image-locality.js';

const mb = 1024 * 1024;
const pod = (...images: string[]) => {
  const w = makePod('p');
  images.forEach((i) => w.container(i));
  return w.obj();
};
const node = (name: string, images: Record<string, number>) =>
  makeNode(name).images(Object.fromEntries(Object.entries(images).map(([k, v]) => [k, v * mb]))).obj();
const node403002000 = (n: string) => node(n, { 'gcr.io/40:latest': 40, 'gcr.io/300:latest': 300, 'gcr.io/2000:latest': 2000 });
const node25010 = (n: string) => node(n, { 'gcr.io/250:latest': 250, 'gcr.io/10:latest': 10 });
const node400030 = (n: string) => node(n, { 'gcr.io/4000:latest': 4000, 'gcr.io/30:latest': 30 });

test.each([
  {
    // node1: 40M/2 < 23M → 0. node2: 100 * (250M/2 - 23M) / (1000M * 2 - 23M) = 5.
    name: 'two images spread on two nodes, prefer the larger image one',
    pod: pod('gcr.io/40', 'gcr.io/250'), nodes: [node403002000('node1'), node25010('node2')], want: [0, 5],
  },
  {
    // node1: 100 * ((40M + 300M)/2 - 23M) / (1000M * 2 - 23M) = 7.
    name: 'two images on one node, prefer this node',
    pod: pod('gcr.io/40', 'gcr.io/300'), nodes: [node403002000('node1'), node25010('node2')], want: [7, 0],
  },
  {
    // node1: 4000M/2 reaches the 2 × 1000M cap → 100; node2: 10M/2 < 23M → 0.
    name: 'if exceed limit, use limit',
    pod: pod('gcr.io/4000', 'gcr.io/10'), nodes: [node400030('node1'), node25010('node2')], want: [100, 0],
  },
  {
    name: 'an image not on any node scores nothing',
    pod: pod('nginx'), nodes: [node25010('node1'), node25010('node2')], want: [0, 0],
  },
])('$name', ({ pod, nodes, want }) => {
  expect(runScore(newImageLocality, pod, nodes).map((s) => s.score)).toEqual(want);
});

test.each([
  ['root', 'root:latest'],
  ['root:tag', 'root:tag'],
  ['gcr.io:5000/root', 'gcr.io:5000/root:latest'],
  ['root@sha256:c81e2d6...', 'root@sha256:c81e2d6...'],
])('normalizedImageName(%s) = %s', (input, want) => {
  expect(normalizedImageName(input)).toBe(want);
});
