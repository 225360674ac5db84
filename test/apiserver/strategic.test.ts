// Strategic merge patch, against upstream's own tables: a subset of strategicMergePatchRawTestCases
// and all of customStrategicMergePatchRawTestCases from k8s.io/apimachinery
// pkg/util/strategicpatch/patch_test.go (1.32), over the same test struct (MergeItem), then
// the built-in kinds' merge keys.
import { describe, expect, test } from 'vitest';
import { parse } from 'yaml';
import { ApiError } from '../../src/apiserver/errors.js';
import type { PatchStruct } from '../../src/apiserver/patch/merge-keys.js';
import type { JsonObject } from '../../src/apiserver/patch/merge.js';
import {
  PatchSchema, applyStrategicMergePatch, createThreeWayMergePatch, createTwoWayMergePatch, patchObject, strategicMergePatch,
} from '../../src/apiserver/patch/strategic.js';
import type { KubeObject } from '../../src/api/object.js';

// upstream's MergeItem / RetainKeysMergeItem struct tags
const testStructs: Record<string, PatchStruct> = {
  mergeItem: {
    mergingList: { strategy: 'merge', mergeKey: 'name', type: 'mergeItem' },
    nonMergingList: { type: 'mergeItem' },
    mergingIntList: { strategy: 'merge' },
    mergeItemPtr: { strategy: 'merge', mergeKey: 'name', type: 'mergeItem' },
    replacingItem: { strategy: 'replace' },
    retainKeysMap: { strategy: 'retainKeys', type: 'retainKeysMergeItem' },
    retainKeysMergingList: { strategy: 'merge,retainKeys', mergeKey: 'name', type: 'mergeItem' },
  },
  retainKeysMergeItem: {
    mergingIntList: { strategy: 'merge' },
    mergingList: { strategy: 'merge', mergeKey: 'name', type: 'mergeItem' },
    nonMergingList: { type: 'mergeItem' },
  },
};
const mergeItem = new PatchSchema(testStructs.mergeItem, 'mergeItem', testStructs);

interface RawCase {
  description: string;
  original?: JsonObject;
  twoWay?: JsonObject;
  modified?: JsonObject;
  current?: JsonObject;
  threeWay?: JsonObject;
  result?: JsonObject;
  twoWayResult?: JsonObject;
  expectedError?: string;
}

const rawCases = parse(`
- description: nested patch merge with empty list
  original: {name: hi}
  twoWay:
    mergingList: [{name: hello}, {$patch: delete, name: doesntexist}]
  modified:
    name: hi
    mergingList: [{name: hello}, {$patch: delete, name: doesntexist}]
  current:
    name: hi
    mergingList: [{name: hello2}]
  threeWay:
    $setElementOrder/mergingList: [{name: hello}, {name: doesntexist}]
    mergingList: [{name: hello}]
  result:
    name: hi
    mergingList: [{name: hello}, {name: hello2}]
  twoWayResult:
    name: hi
    mergingList: [{name: hello}]
- description: delete items in lists of scalars
  original:
    mergingIntList: [1, 2, 3]
  twoWay:
    $setElementOrder/mergingIntList: [1, 2]
    $deleteFromPrimitiveList/mergingIntList: [3]
  modified:
    mergingIntList: [1, 2]
  current:
    mergingIntList: [1, 2, 3, 4]
  threeWay:
    $setElementOrder/mergingIntList: [1, 2]
    $deleteFromPrimitiveList/mergingIntList: [3]
  result:
    mergingIntList: [1, 2, 4]
- description: add and delete items in lists of scalars
  original:
    mergingIntList: [1, 2, 3]
  twoWay:
    $setElementOrder/mergingIntList: [1, 2, 4]
    $deleteFromPrimitiveList/mergingIntList: [3]
    mergingIntList: [4]
  modified:
    mergingIntList: [1, 2, 4]
  current:
    mergingIntList: [1, 2, 3, 4]
  threeWay:
    $setElementOrder/mergingIntList: [1, 2, 4]
    $deleteFromPrimitiveList/mergingIntList: [3]
  result:
    mergingIntList: [1, 2, 4]
- description: merge lists of maps
  original:
    mergingList: [{name: 1}, {name: 2, value: 2}]
  twoWay:
    $setElementOrder/mergingList: [{name: 4}, {name: 1}, {name: 2}, {name: 3}]
    mergingList: [{name: 4, value: 4}, {name: 3, value: 3}]
  modified:
    mergingList: [{name: 4, value: 4}, {name: 1}, {name: 2, value: 2}, {name: 3, value: 3}]
  current:
    mergingList:
    - {name: 1, other: a}
    - name: 2
      value: 2
      other: b
  threeWay:
    $setElementOrder/mergingList: [{name: 4}, {name: 1}, {name: 2}, {name: 3}]
    mergingList: [{name: 4, value: 4}, {name: 3, value: 3}]
  result:
    mergingList:
    - {name: 4, value: 4}
    - {name: 1, other: a}
    - name: 2
      value: 2
      other: b
    - {name: 3, value: 3}
- description: add field to map in merging list
  original:
    mergingList: [{name: 1}, {name: 2, value: 2}]
  twoWay:
    $setElementOrder/mergingList: [{name: 1}, {name: 2}]
    mergingList: [{name: 1, value: 1}]
  modified:
    mergingList: [{name: 1, value: 1}, {name: 2, value: 2}]
  current:
    mergingList:
    - {name: 1, other: a}
    - name: 2
      value: 2
      other: b
  threeWay:
    $setElementOrder/mergingList: [{name: 1}, {name: 2}]
    mergingList: [{name: 1, value: 1}]
  result:
    mergingList:
    - name: 1
      value: 1
      other: a
    - name: 2
      value: 2
      other: b
- description: add field to map in merging list (2)
  original:
    mergingList: [{name: 1}, {name: 2, value: 2}]
  twoWay:
    $setElementOrder/mergingList: [{name: 1}, {name: 2}]
    mergingList: [{name: 1, value: 1}]
  modified:
    mergingList: [{name: 1, value: 1}, {name: 2, value: 2}]
  current:
    mergingList:
    - {name: 1, other: a}
    - name: 2
      value: 2
      other: b
  threeWay:
    $setElementOrder/mergingList: [{name: 1}, {name: 2}]
    mergingList: [{name: 1, value: 1}]
  result:
    mergingList:
    - name: 1
      value: 1
      other: a
    - name: 2
      value: 2
      other: b
- description: replace map field value in merging list
  original:
    mergingList: [{name: 1, value: 1}, {name: 2, value: 2}]
  twoWay:
    $setElementOrder/mergingList: [{name: 1}, {name: 2}]
    mergingList: [{name: 1, value: a}]
  modified:
    mergingList: [{name: 1, value: a}, {name: 2, value: 2}]
  current:
    mergingList:
    - name: 1
      value: 1
      other: a
    - name: 2
      value: 2
      other: b
  threeWay:
    $setElementOrder/mergingList: [{name: 1}, {name: 2}]
    mergingList: [{name: 1, value: a}]
  result:
    mergingList:
    - name: 1
      value: a
      other: a
    - name: 2
      value: 2
      other: b
- description: delete map from merging list
  original:
    mergingList: [{name: 1}, {name: 2}]
  twoWay:
    $setElementOrder/mergingList: [{name: 2}]
    mergingList: [{name: 1, $patch: delete}]
  modified:
    mergingList: [{name: 2}]
  current:
    mergingList: [{name: 1}, {name: 2, other: b}]
  threeWay:
    $setElementOrder/mergingList: [{name: 2}]
    mergingList: [{name: 1, $patch: delete}]
  result:
    mergingList: [{name: 2, other: b}]
- description: delete missing map from merging list
  original:
    mergingList: [{name: 1}, {name: 2}]
  twoWay:
    $setElementOrder/mergingList: [{name: 2}]
    mergingList: [{name: 1, $patch: delete}]
  modified:
    mergingList: [{name: 2}]
  current:
    mergingList: [{name: 2, other: b}]
  threeWay:
    $setElementOrder/mergingList: [{name: 2}]
    mergingList: [{name: 1, $patch: delete}]
  result:
    mergingList: [{name: 2, other: b}]
- description: add map and delete map from merging list
  original:
    mergingList: [{name: 1}, {name: 2}]
  twoWay:
    $setElementOrder/mergingList: [{name: 2}, {name: 3}]
    mergingList: [{name: 3}, {name: 1, $patch: delete}]
  modified:
    mergingList: [{name: 2}, {name: 3}]
  current:
    mergingList: [{name: 1}, {name: 2, other: b}, {name: 4, other: c}]
  threeWay:
    $setElementOrder/mergingList: [{name: 2}, {name: 3}]
    mergingList: [{name: 3}, {name: 1, $patch: delete}]
  result:
    mergingList: [{name: 2, other: b}, {name: 4, other: c}, {name: 3}]
- description: add map and delete map from merging list with conflict
  original:
    mergingList: [{name: 1}, {name: 2}]
  twoWay:
    $setElementOrder/mergingList: [{name: 2}, {name: 3}]
    mergingList: [{name: 3}, {name: 1, $patch: delete}]
  modified:
    mergingList: [{name: 2}, {name: 3}]
  current:
    mergingList: [{name: 1, other: a}, {name: 4, other: c}]
  threeWay:
    $setElementOrder/mergingList: [{name: 2}, {name: 3}]
    mergingList: [{name: 2}, {name: 3}, {name: 1, $patch: delete}]
  result:
    mergingList: [{name: 4, other: c}, {name: 2}, {name: 3}]
- description: delete field from map in merging list
  original:
    mergingList: [{name: 1, value: 1}, {name: 2, value: 2}]
  twoWay:
    $setElementOrder/mergingList: [{name: 1}, {name: 2}]
    mergingList: [{name: 1, value: null}]
  modified:
    mergingList: [{name: 1}, {name: 2, value: 2}]
  current:
    mergingList:
    - name: 1
      value: 1
      other: a
    - name: 2
      value: 2
      other: b
  threeWay:
    $setElementOrder/mergingList: [{name: 1}, {name: 2}]
    mergingList: [{name: 1, value: null}]
  result:
    mergingList:
    - {name: 1, other: a}
    - name: 2
      value: 2
      other: b
- description: replace non merging list nested in merging list
  original:
    mergingList:
    - name: 1
      nonMergingList: [{name: 1}, {name: 2, value: 2}]
    - {name: 2}
  twoWay:
    $setElementOrder/mergingList: [{name: 1}, {name: 2}]
    mergingList:
    - name: 1
      nonMergingList: [{name: 1, value: 1}]
  modified:
    mergingList:
    - name: 1
      nonMergingList: [{name: 1, value: 1}]
    - {name: 2}
  current:
    mergingList:
    - name: 1
      other: a
      nonMergingList: [{name: 1}, {name: 2, value: 2}]
    - {name: 2, other: b}
  threeWay:
    $setElementOrder/mergingList: [{name: 1}, {name: 2}]
    mergingList:
    - name: 1
      nonMergingList: [{name: 1, value: 1}]
  result:
    mergingList:
    - name: 1
      other: a
      nonMergingList: [{name: 1, value: 1}]
    - {name: 2, other: b}
- description: add field to map in merging list nested in merging list
  original:
    mergingList:
    - name: 1
      mergingList: [{name: 1}, {name: 2, value: 2}]
    - {name: 2}
  twoWay:
    $setElementOrder/mergingList: [{name: 1}, {name: 2}]
    mergingList:
    - $setElementOrder/mergingList: [{name: 1}, {name: 2}]
      name: 1
      mergingList: [{name: 1, value: 1}]
  modified:
    mergingList:
    - name: 1
      mergingList: [{name: 1, value: 1}, {name: 2, value: 2}]
    - {name: 2}
  current:
    mergingList:
    - name: 1
      other: a
      mergingList: [{name: 1}, {name: 2, value: 2}]
    - {name: 2, other: b}
  threeWay:
    $setElementOrder/mergingList: [{name: 1}, {name: 2}]
    mergingList:
    - $setElementOrder/mergingList: [{name: 1}, {name: 2}]
      name: 1
      mergingList: [{name: 1, value: 1}]
  result:
    mergingList:
    - name: 1
      other: a
      mergingList: [{name: 1, value: 1}, {name: 2, value: 2}]
    - {name: 2, other: b}
- description: add field to map in merging list by pointer
  original:
    mergeItemPtr:
    - name: 1
      mergeItemPtr: [{name: 1}, {name: 2, value: 2}]
    - {name: 2}
  twoWay:
    $setElementOrder/mergeItemPtr: [{name: 1}, {name: 2}]
    mergeItemPtr:
    - $setElementOrder/mergeItemPtr: [{name: 1}, {name: 2}]
      name: 1
      mergeItemPtr: [{name: 1, value: 1}]
  modified:
    mergeItemPtr:
    - name: 1
      mergeItemPtr: [{name: 1, value: 1}, {name: 2, value: 2}]
    - {name: 2}
  current:
    mergeItemPtr:
    - name: 1
      other: a
      mergeItemPtr:
      - {name: 1, other: a}
      - name: 2
        value: 2
        other: b
    - {name: 2, other: b}
  threeWay:
    $setElementOrder/mergeItemPtr: [{name: 1}, {name: 2}]
    mergeItemPtr:
    - $setElementOrder/mergeItemPtr: [{name: 1}, {name: 2}]
      name: 1
      mergeItemPtr: [{name: 1, value: 1}]
  result:
    mergeItemPtr:
    - name: 1
      other: a
      mergeItemPtr:
      - name: 1
        value: 1
        other: a
      - name: 2
        value: 2
        other: b
    - {name: 2, other: b}
- description: merge lists of scalars
  original:
    mergingIntList: [1, 2]
  twoWay:
    $setElementOrder/mergingIntList: [1, 2, 3]
    mergingIntList: [3]
  modified:
    mergingIntList: [1, 2, 3]
  current:
    mergingIntList: [1, 2, 4]
  threeWay:
    $setElementOrder/mergingIntList: [1, 2, 3]
    mergingIntList: [3]
  result:
    mergingIntList: [1, 2, 3, 4]
- description: add duplicate field to map in merging int list
  original:
    mergingIntList: [1, 2]
  twoWay:
    $setElementOrder/mergingIntList: [1, 2, 3]
    mergingIntList: [3]
  modified:
    mergingIntList: [1, 2, 3]
  current:
    mergingIntList: [1, 2, 3]
  threeWay: {}
  result:
    mergingIntList: [1, 2, 3]
- description: add an item in a list of primitives and preserve order
  original:
    mergingIntList: [1, 2]
  twoWay:
    $setElementOrder/mergingIntList: [3, 1, 2]
    mergingIntList: [3]
  modified:
    mergingIntList: [3, 1, 2]
  current:
    mergingIntList: [1, 4, 2]
  threeWay:
    $setElementOrder/mergingIntList: [3, 1, 2]
    mergingIntList: [3]
  result:
    mergingIntList: [3, 1, 4, 2]
- description: delete an item in a list of primitives and preserve order
  original:
    mergingIntList: [1, 2, 3]
  twoWay:
    $setElementOrder/mergingIntList: [2, 1]
    $deleteFromPrimitiveList/mergingIntList: [3]
  modified:
    mergingIntList: [2, 1]
  current:
    mergingIntList: [1, 2, 3]
  threeWay:
    $setElementOrder/mergingIntList: [2, 1]
    $deleteFromPrimitiveList/mergingIntList: [3]
  result:
    mergingIntList: [2, 1]
- description: add an item in a list and preserve order
  original:
    mergingList: [{name: 1}, {name: 2, value: 2}]
  twoWay:
    $setElementOrder/mergingList: [{name: 3}, {name: 1}, {name: 2}]
    mergingList: [{name: 3, value: 3}]
  modified:
    mergingList: [{name: 3, value: 3}, {name: 1}, {name: 2, value: 2}]
  current:
    mergingList:
    - {name: 1, other: a}
    - name: 2
      value: 2
      other: b
  threeWay:
    $setElementOrder/mergingList: [{name: 3}, {name: 1}, {name: 2}]
    mergingList: [{name: 3, value: 3}]
  result:
    mergingList:
    - {name: 3, value: 3}
    - {name: 1, other: a}
    - name: 2
      value: 2
      other: b
- description: add multiple items in a list and preserve order
  original:
    mergingList: [{name: 1}, {name: 2, value: 2}]
  twoWay:
    $setElementOrder/mergingList: [{name: 1}, {name: 4}, {name: 2}, {name: 3}]
    mergingList: [{name: 4, value: 4}, {name: 3, value: 3}]
  modified:
    mergingList: [{name: 1}, {name: 4, value: 4}, {name: 2, value: 2}, {name: 3, value: 3}]
  current:
    mergingList:
    - {name: 1, other: a}
    - name: 2
      value: 2
      other: b
  threeWay:
    $setElementOrder/mergingList: [{name: 1}, {name: 4}, {name: 2}, {name: 3}]
    mergingList: [{name: 4, value: 4}, {name: 3, value: 3}]
  result:
    mergingList:
    - {name: 1, other: a}
    - {name: 4, value: 4}
    - name: 2
      value: 2
      other: b
    - {name: 3, value: 3}
- description: delete an item in a list and preserve order
  original:
    mergingList: [{name: 1}, {name: 3, value: 3}, {name: 2, value: 2}]
  twoWay:
    $setElementOrder/mergingList: [{name: 2}, {name: 1}]
    mergingList: [{name: 3, $patch: delete}]
  modified:
    mergingList: [{name: 2, value: 2}, {name: 1}]
  current:
    mergingList:
    - {name: 1, other: a}
    - name: 2
      value: 2
      other: b
    - {name: 3, value: 3}
  threeWay:
    $setElementOrder/mergingList: [{name: 2}, {name: 1}]
    mergingList: [{name: 3, $patch: delete}]
  result:
    mergingList:
    - name: 2
      value: 2
      other: b
    - {name: 1, other: a}
- description: change an item in a list and preserve order
  original:
    mergingList: [{name: 1}, {name: 3, value: 3}, {name: 2, value: 2}]
  twoWay:
    $setElementOrder/mergingList: [{name: 2}, {name: 3}, {name: 1}]
    mergingList: [{name: 3, value: x}]
  modified:
    mergingList: [{name: 2, value: 2}, {name: 3, value: x}, {name: 1}]
  current:
    mergingList:
    - {name: 1, other: a}
    - name: 2
      value: 2
      other: b
    - {name: 3, value: 3}
  threeWay:
    $setElementOrder/mergingList: [{name: 2}, {name: 3}, {name: 1}]
    mergingList: [{name: 3, value: x}]
  result:
    mergingList:
    - name: 2
      value: 2
      other: b
    - {name: 3, value: x}
    - {name: 1, other: a}
- description: add and delete an item in a list and preserve order
  original:
    mergingList: [{name: 1}, {name: 3, value: 3}, {name: 2, value: 2}]
  twoWay:
    $setElementOrder/mergingList: [{name: 4}, {name: 2}, {name: 1}]
    mergingList: [{name: 4, value: 4}, {name: 3, $patch: delete}]
  modified:
    mergingList: [{name: 4, value: 4}, {name: 2, value: 2}, {name: 1}]
  current:
    mergingList:
    - {name: 1, other: a}
    - name: 2
      value: 2
      other: b
    - {name: 3, value: 3}
  threeWay:
    $setElementOrder/mergingList: [{name: 4}, {name: 2}, {name: 1}]
    mergingList: [{name: 4, value: 4}, {name: 3, $patch: delete}]
  result:
    mergingList:
    - {name: 4, value: 4}
    - name: 2
      value: 2
      other: b
    - {name: 1, other: a}
- description: set elements order in a list
  original:
    mergingList: [{name: 1}, {name: 3, value: 3}, {name: 4, value: 4}, {name: 2, value: 2}]
  twoWay:
    $setElementOrder/mergingList: [{name: 4}, {name: 2}, {name: 3}, {name: 1}]
  modified:
    mergingList: [{name: 4, value: 4}, {name: 2, value: 2}, {name: 3, value: 3}, {name: 1}]
  current:
    mergingList: [{name: 1, other: a}, {name: 3, value: 3}, {name: 4, value: 4}, {name: 2, value: 2}]
  threeWay:
    $setElementOrder/mergingList: [{name: 4}, {name: 2}, {name: 3}, {name: 1}]
  result:
    mergingList: [{name: 4, value: 4}, {name: 2, value: 2}, {name: 3, value: 3}, {name: 1, other: a}]
- description: set elements order in a list with server-only items
  original:
    mergingList: [{name: 1}, {name: 3, value: 3}, {name: 4, value: 4}, {name: 2, value: 2}]
  twoWay:
    $setElementOrder/mergingList: [{name: 4}, {name: 2}, {name: 3}, {name: 1}]
  modified:
    mergingList: [{name: 4, value: 4}, {name: 2, value: 2}, {name: 3, value: 3}, {name: 1}]
  current:
    mergingList: [{name: 1, other: a}, {name: 3, value: 3}, {name: 4, value: 4}, {name: 2, value: 2}, {name: 9}]
  threeWay:
    $setElementOrder/mergingList: [{name: 4}, {name: 2}, {name: 3}, {name: 1}]
  result:
    mergingList: [{name: 4, value: 4}, {name: 2, value: 2}, {name: 3, value: 3}, {name: 1, other: a}, {name: 9}]
- description: set elements order in a list with server-only items 2
  original:
    mergingList: [{name: 1}, {name: 2, value: 2}, {name: 3, value: 3}, {name: 4, value: 4}]
  twoWay:
    $setElementOrder/mergingList: [{name: 2}, {name: 1}, {name: 4}, {name: 3}]
  modified:
    mergingList: [{name: 2, value: 2}, {name: 1}, {name: 4, value: 4}, {name: 3, value: 3}]
  current:
    mergingList: [{name: 1, other: a}, {name: 2, value: 2}, {name: 9}, {name: 3, value: 3}, {name: 4, value: 4}]
  threeWay:
    $setElementOrder/mergingList: [{name: 2}, {name: 1}, {name: 4}, {name: 3}]
  result:
    mergingList: [{name: 2, value: 2}, {name: 1, other: a}, {name: 9}, {name: 4, value: 4}, {name: 3, value: 3}]
- description: set elements order in a list with server-only items 3
  original:
    mergingList: [{name: 1}, {name: 2, value: 2}, {name: 3, value: 3}, {name: 4, value: 4}]
  twoWay:
    $setElementOrder/mergingList: [{name: 2}, {name: 1}, {name: 4}, {name: 3}]
  modified:
    mergingList: [{name: 2, value: 2}, {name: 1}, {name: 4, value: 4}, {name: 3, value: 3}]
  current:
    mergingList: [{name: 1, other: a}, {name: 2, value: 2}, {name: 7}, {name: 9}, {name: 8}, {name: 3, value: 3},
      {name: 4, value: 4}]
  threeWay:
    $setElementOrder/mergingList: [{name: 2}, {name: 1}, {name: 4}, {name: 3}]
  result:
    mergingList: [{name: 2, value: 2}, {name: 1, other: a}, {name: 7}, {name: 9}, {name: 8}, {name: 4, value: 4},
      {name: 3, value: 3}]
- description: add an item in a int list and preserve order
  original:
    mergingIntList: [1, 2]
  twoWay:
    $setElementOrder/mergingIntList: [3, 1, 2]
    mergingIntList: [3]
  modified:
    mergingIntList: [3, 1, 2]
  current:
    mergingIntList: [1, 2]
  threeWay:
    $setElementOrder/mergingIntList: [3, 1, 2]
    mergingIntList: [3]
  result:
    mergingIntList: [3, 1, 2]
- description: add multiple items in a int list and preserve order
  original:
    mergingIntList: [1, 2]
  twoWay:
    $setElementOrder/mergingIntList: [1, 4, 2, 3]
    mergingIntList: [4, 3]
  modified:
    mergingIntList: [1, 4, 2, 3]
  current:
    mergingIntList: [1, 2]
  threeWay:
    $setElementOrder/mergingIntList: [1, 4, 2, 3]
    mergingIntList: [4, 3]
  result:
    mergingIntList: [1, 4, 2, 3]
- description: delete an item in a int list and preserve order
  original:
    mergingIntList: [1, 3, 2]
  twoWay:
    $setElementOrder/mergingIntList: [2, 1]
    $deleteFromPrimitiveList/mergingIntList: [3]
  modified:
    mergingIntList: [2, 1]
  current:
    mergingIntList: [1, 2, 3]
  threeWay:
    $setElementOrder/mergingIntList: [2, 1]
    $deleteFromPrimitiveList/mergingIntList: [3]
  result:
    mergingIntList: [2, 1]
- description: add and delete an item in a int list and preserve order
  original:
    mergingIntList: [1, 3, 2]
  twoWay:
    $setElementOrder/mergingIntList: [4, 2, 1]
    mergingIntList: [4]
    $deleteFromPrimitiveList/mergingIntList: [3]
  modified:
    mergingIntList: [4, 2, 1]
  current:
    mergingIntList: [1, 2, 3]
  threeWay:
    $setElementOrder/mergingIntList: [4, 2, 1]
    mergingIntList: [4]
    $deleteFromPrimitiveList/mergingIntList: [3]
  result:
    mergingIntList: [4, 2, 1]
- description: set elements order in a int list
  original:
    mergingIntList: [1, 3, 4, 2]
  twoWay:
    $setElementOrder/mergingIntList: [4, 2, 3, 1]
  modified:
    mergingIntList: [4, 2, 3, 1]
  current:
    mergingIntList: [1, 3, 4, 2]
  threeWay:
    $setElementOrder/mergingIntList: [4, 2, 3, 1]
  result:
    mergingIntList: [4, 2, 3, 1]
- description: set elements order in a int list with server-only items
  original:
    mergingIntList: [1, 3, 4, 2]
  twoWay:
    $setElementOrder/mergingIntList: [4, 2, 3, 1]
  modified:
    mergingIntList: [4, 2, 3, 1]
  current:
    mergingIntList: [1, 3, 4, 2, 9]
  threeWay:
    $setElementOrder/mergingIntList: [4, 2, 3, 1]
  result:
    mergingIntList: [4, 2, 3, 1, 9]
- description: set elements order in a int list with server-only items 2
  original:
    mergingIntList: [1, 2, 3, 4]
  twoWay:
    $setElementOrder/mergingIntList: [2, 1, 4, 3]
  modified:
    mergingIntList: [2, 1, 4, 3]
  current:
    mergingIntList: [1, 2, 9, 3, 4]
  threeWay:
    $setElementOrder/mergingIntList: [2, 1, 4, 3]
  result:
    mergingIntList: [2, 1, 9, 4, 3]
- description: set elements order in a int list with server-only items 3
  original:
    mergingIntList: [1, 2, 3, 4]
  twoWay:
    $setElementOrder/mergingIntList: [2, 1, 4, 3]
  modified:
    mergingIntList: [2, 1, 4, 3]
  current:
    mergingIntList: [1, 2, 7, 9, 8, 3, 4]
  threeWay:
    $setElementOrder/mergingIntList: [2, 1, 4, 3]
  result:
    mergingIntList: [2, 1, 7, 9, 8, 4, 3]
- description: retainKeys map should clear defaulted field
  original: {}
  twoWay:
    retainKeysMap: {other: bar}
  modified:
    retainKeysMap: {other: bar}
  current:
    retainKeysMap: {value: foo}
  threeWay:
    retainKeysMap:
      $retainKeys: [other]
      other: bar
  result:
    retainKeysMap: {other: bar}
- description: retainKeys map adds a field and clear a field
  original:
    retainKeysMap: {name: foo}
  twoWay:
    retainKeysMap:
      $retainKeys: [name, value]
      value: bar
  modified:
    retainKeysMap: {name: foo, value: bar}
  current:
    retainKeysMap: {name: foo, other: a}
  threeWay:
    retainKeysMap:
      $retainKeys: [name, value]
      value: bar
  result:
    retainKeysMap: {name: foo, value: bar}
- description: retainKeys map deletes an item in nested merging list
  original:
    retainKeysMap:
      name: foo
      mergingList: [{name: a}, {name: b}]
  twoWay:
    retainKeysMap:
      $retainKeys: [mergingList, name]
      $setElementOrder/mergingList: [{name: a}]
      mergingList: [{name: b, $patch: delete}]
  modified:
    retainKeysMap:
      name: foo
      mergingList: [{name: a}]
  current:
    retainKeysMap:
      name: foo
      mergingList: [{name: a}, {name: b}, {name: x}]
  threeWay:
    retainKeysMap:
      $retainKeys: [mergingList, name]
      $setElementOrder/mergingList: [{name: a}]
      mergingList: [{name: b, $patch: delete}]
  result:
    retainKeysMap:
      name: foo
      mergingList: [{name: a}, {name: x}]
- description: retainKeys list of maps changes a field and clear a field
  original:
    retainKeysMergingList: [{name: bar}, {name: foo, value: old}]
  twoWay:
    $setElementOrder/retainKeysMergingList: [{name: bar}, {name: foo}]
    retainKeysMergingList:
    - $retainKeys: [name, value]
      name: foo
      value: new
  modified:
    retainKeysMergingList: [{name: bar}, {name: foo, value: new}]
  current:
    retainKeysMergingList:
    - {name: bar}
    - name: foo
      value: old
      other: x
  threeWay:
    $setElementOrder/retainKeysMergingList: [{name: bar}, {name: foo}]
    retainKeysMergingList:
    - $retainKeys: [name, value]
      name: foo
      value: new
  result:
    retainKeysMergingList: [{name: bar}, {name: foo, value: new}]
- description: delete and reorder in one list, reorder in another
  original:
    mergingList: [{name: a, value: a}, {name: b, value: b}]
    mergeItemPtr: [{name: c, value: c}, {name: d, value: d}]
  twoWay:
    $setElementOrder/mergingList: [{name: b}]
    $setElementOrder/mergeItemPtr: [{name: d}, {name: c}]
    mergingList: [{$patch: delete, name: a}]
  modified:
    mergingList: [{name: b, value: b}]
    mergeItemPtr: [{name: d, value: d}, {name: c, value: c}]
  current:
    mergingList: [{name: a, value: a}, {name: b, value: b}]
    mergeItemPtr: [{name: c, value: c}, {name: d, value: d}]
  threeWay:
    $setElementOrder/mergingList: [{name: b}]
    $setElementOrder/mergeItemPtr: [{name: d}, {name: c}]
    mergingList: [{$patch: delete, name: a}]
  result:
    mergingList: [{name: b, value: b}]
    mergeItemPtr: [{name: d, value: d}, {name: c, value: c}]
`) as RawCase[];

const customRawCases = parse(`
- description: $setElementOrder contains item that is not present in the list to be merged
  original:
    mergingList: [{name: 1}, {name: 3}]
  twoWay:
    $setElementOrder/mergingList: [{name: 3}, {name: 2}, {name: 1}]
    mergingList: [{name: 3, value: 3}, {name: 1, value: 1}]
  modified:
    mergingList: [{name: 3, value: 3}, {name: 1, value: 1}]
- description: $setElementOrder contains item that is not present in the int list to be merged
  original:
    mergingIntList: [1, 3]
  twoWay:
    $setElementOrder/mergingIntList: [3, 2, 1]
  modified:
    mergingIntList: [3, 1]
- description: should check if order in $setElementOrder and patch list match
  original:
    mergingList: [{name: 1}, {name: 3}, {name: 2}]
  twoWay:
    $setElementOrder/mergingList: [{name: 1}, {name: 2}, {name: 3}]
    mergingList: [{name: 3, value: 3}, {name: 1, value: 1}]
  expectedError: doesn't match
- description: $setElementOrder contains item that is not present in the int list to be merged
  original:
    mergingIntList: [1, 3, 2]
  twoWay:
    $setElementOrder/mergingIntList: [1, 2, 3]
    mergingIntList: [3, 1]
  expectedError: doesn't match
- description: missing merge key should error out
  original:
    mergingList: [{name: 1, value: a}]
  twoWay:
    mergingList: [{value: b}]
  expectedError: does not contain declared merge key
- description: $deleteFromPrimitiveList of nonexistent item in primitive list should not add the item to the list
  original:
    mergingIntList: [1, 2]
  twoWay:
    $deleteFromPrimitiveList/mergingIntList: [3]
  modified:
    mergingIntList: [1, 2]
- description: $deleteFromPrimitiveList on empty primitive list should not add the item to the list
  original: {mergingIntList: null}
  twoWay:
    $deleteFromPrimitiveList/mergingIntList: [3]
  modified: {mergingIntList: null}
- description: $deleteFromPrimitiveList on nonexistent primitive list should not add the primitive list
  original:
    foo: [bar]
  twoWay:
    $deleteFromPrimitiveList/mergingIntList: [3]
  modified:
    foo: [bar]
- description: $deleteFromPrimitiveList should delete item from a list with merge patch strategy
  original:
    mergingIntList: [1, 2, 3]
  twoWay:
    $deleteFromPrimitiveList/mergingIntList: [2]
  modified:
    mergingIntList: [1, 3]
- description: $deleteFromPrimitiveList should delete item from a list without merge patch strategy
  original:
    nonMergingIntList: [1, 2, 3]
  twoWay:
    $deleteFromPrimitiveList/nonMergingIntList: [2]
  modified:
    nonMergingIntList: [1, 3]
`) as RawCase[];

describe('upstream strategicMergePatchRawTestCases', () => {
  test.each(rawCases)('$description: two-way patch and its application', (c) => {
    const patch = createTwoWayMergePatch(c.original ?? {}, c.modified ?? {}, mergeItem);
    expect(patch).toEqual(c.twoWay ?? {});
    if (c.expectedError) {
      expect(() => strategicMergePatch(c.original ?? {}, patch, mergeItem)).toThrow(c.expectedError);
      return;
    }
    expect(strategicMergePatch(c.original ?? {}, patch, mergeItem)).toEqual(c.twoWayResult ?? c.modified ?? {});
  });

  test.each(rawCases.filter((c) => c.result))('$description: three-way patch and its application', (c) => {
    const patch = createThreeWayMergePatch(c.original ?? {}, c.modified ?? {}, c.current ?? {}, mergeItem);
    expect(patch).toEqual(c.threeWay ?? {});
    expect(strategicMergePatch(c.current ?? {}, patch, mergeItem)).toEqual(c.result);
  });
});

describe('upstream customStrategicMergePatchRawTestCases', () => {
  test.each(customRawCases)('$description', (c) => {
    if (c.expectedError) {
      expect(() => strategicMergePatch(c.original ?? {}, c.twoWay ?? {}, mergeItem)).toThrow(c.expectedError);
      return;
    }
    expect(strategicMergePatch(c.original ?? {}, c.twoWay ?? {}, mergeItem)).toEqual(c.twoWayResult ?? c.modified ?? {});
  });
});

describe('built-in kinds', () => {
  const pod = (): KubeObject => ({
    apiVersion: 'v1',
    kind: 'Pod',
    metadata: { name: 'web', namespace: 'default', labels: { app: 'web', tier: 'fe' }, finalizers: ['a', 'b'] },
    spec: {
      containers: [
        { name: 'nginx', image: 'nginx:1.25', ports: [{ containerPort: 80, protocol: 'TCP' }], env: [{ name: 'A', value: '1' }] },
        { name: 'sidecar', image: 'busybox', command: ['sleep', '3600'] },
      ],
      tolerations: [{ key: 'k1', operator: 'Exists' }],
      volumes: [{ name: 'data', emptyDir: {} }],
    },
  });
  const smp = (obj: KubeObject, patch: unknown) => patchObject('strategic', obj, patch) as unknown as {
    metadata: JsonObject; spec: { containers: JsonObject[]; tolerations: JsonObject[]; volumes: JsonObject[] };
  };

  test('containers merge by name: only the named container changes', () => {
    const out = smp(pod(), { spec: { containers: [{ name: 'nginx', image: 'nginx:1.26' }] } });
    expect(out.spec.containers.map((c) => [c.name, c.image])).toEqual([['nginx', 'nginx:1.26'], ['sidecar', 'busybox']]);
    expect(out.spec.containers[0].ports).toEqual([{ containerPort: 80, protocol: 'TCP' }]);
  });

  test('a container not yet there comes first (patch items lead unless $setElementOrder says otherwise)', () => {
    const out = smp(pod(), { spec: { containers: [{ name: 'log', image: 'fluentd' }] } });
    expect(out.spec.containers.map((c) => c.name)).toEqual(['log', 'nginx', 'sidecar']);
  });

  test('$patch: delete removes the element with that merge key', () => {
    const out = smp(pod(), { spec: { containers: [{ name: 'sidecar', $patch: 'delete' }] } });
    expect(out.spec.containers.map((c) => c.name)).toEqual(['nginx']);
  });

  test('$patch: replace on a list replaces it whole', () => {
    const out = smp(pod(), { spec: { containers: [{ name: 'only', image: 'x' }, { $patch: 'replace' }] } });
    expect(out.spec.containers).toEqual([{ name: 'only', image: 'x' }]);
  });

  test('env merges by name and ports by containerPort', () => {
    const out = smp(pod(), {
      spec: { containers: [{ name: 'nginx', env: [{ name: 'B', value: '2' }], ports: [{ containerPort: 443 }] }] },
    });
    expect(out.spec.containers[0].env).toEqual([{ name: 'B', value: '2' }, { name: 'A', value: '1' }]);
    expect(out.spec.containers[0].ports).toEqual([{ containerPort: 443 }, { containerPort: 80, protocol: 'TCP' }]);
  });

  test('tolerations have no merge key and are replaced', () => {
    const out = smp(pod(), { spec: { tolerations: [{ key: 'k2', operator: 'Exists' }] } });
    expect(out.spec.tolerations).toEqual([{ key: 'k2', operator: 'Exists' }]);
  });

  test('null deletes a key; labels merge key by key', () => {
    const out = smp(pod(), { metadata: { labels: { tier: null, env: 'prod' } } });
    expect(out.metadata.labels).toEqual({ app: 'web', env: 'prod' });
  });

  test('finalizers are a merged list of primitives; $deleteFromPrimitiveList removes', () => {
    expect(smp(pod(), { metadata: { finalizers: ['c', 'a'] } }).metadata.finalizers).toEqual(['c', 'a', 'b']);
    expect(smp(pod(), { metadata: { '$deleteFromPrimitiveList/finalizers': ['a'] } }).metadata.finalizers).toEqual(['b']);
  });

  test('$setElementOrder reorders the merged list', () => {
    const out = smp(pod(), { spec: { '$setElementOrder/containers': [{ name: 'sidecar' }, { name: 'nginx' }] } });
    expect(out.spec.containers.map((c) => c.name)).toEqual(['sidecar', 'nginx']);
  });

  test('volumes carry retainKeys: switching the volume source clears the old one', () => {
    const out = smp(pod(), { spec: { volumes: [{ name: 'data', $retainKeys: ['hostPath', 'name'], hostPath: { path: '/x' } }] } });
    expect(out.spec.volumes).toEqual([{ name: 'data', hostPath: { path: '/x' } }]);
  });

  test('a deployment strategy switch to Recreate with $retainKeys drops rollingUpdate', () => {
    const deploy: KubeObject = {
      apiVersion: 'apps/v1', kind: 'Deployment', metadata: { name: 'd' },
      spec: { strategy: { type: 'RollingUpdate', rollingUpdate: { maxSurge: '25%', maxUnavailable: '25%' } } },
    };
    const out = patchObject('strategic', deploy, { spec: { strategy: { $retainKeys: ['type'], type: 'Recreate' } } });
    expect(out.spec).toEqual({ strategy: { type: 'Recreate' } });
  });

  test('the two-way diff of a pod uses the merge keys', () => {
    const a = pod() as unknown as JsonObject;
    const b = pod() as unknown as { spec: { containers: JsonObject[] } };
    b.spec.containers[0].image = 'nginx:1.26';
    expect(createTwoWayMergePatch(a, b as unknown as JsonObject, PatchSchema.forKind('v1', 'Pod')!)).toEqual({
      spec: {
        '$setElementOrder/containers': [{ name: 'nginx' }, { name: 'sidecar' }],
        containers: [{ name: 'nginx', image: 'nginx:1.26' }],
      },
    });
  });
});

describe("the API server's answers", () => {
  const cm: JsonObject = { apiVersion: 'v1', kind: 'ConfigMap', metadata: { name: 'c' }, data: { a: '1' } };
  const status = (fn: () => unknown) => {
    try {
      fn();
    } catch (e) {
      if (e instanceof ApiError) return [e.status.code, e.status.reason, e.status.message];
      throw e;
    }
    throw new Error('no error');
  };

  test('an unknown $patch directive is a 500 with upstream text', () => {
    expect(status(() => applyStrategicMergePatch(cm, { data: { $patch: 'bogus' } }, 'v1', 'ConfigMap'))).toEqual([
      500, 'InternalError', 'unknown patch type: bogus in map: map[$patch:bogus]',
    ]);
  });

  test('a malformed $retainKeys is a 400', () => {
    expect(status(() => applyStrategicMergePatch(cm, { $retainKeys: 'x' }, 'v1', 'ConfigMap'))).toEqual([
      400, 'BadRequest', 'invalid patch format of retainKeys',
    ]);
  });

  test('a body that is not an object is a 400 from the decoder', () => {
    expect(status(() => applyStrategicMergePatch(cm, [1], 'v1', 'ConfigMap'))).toEqual([
      400, 'BadRequest', 'json: cannot unmarshal array into Go value of type map[string]interface {}',
    ]);
  });

  test('custom resources do not take strategic merge patch (415)', () => {
    expect(status(() => applyStrategicMergePatch(cm, {}, 'example.com/v1', 'Widget'))[0]).toBe(415);
  });

  test('a JSON null body changes nothing', () => {
    expect(applyStrategicMergePatch(cm, null, 'v1', 'ConfigMap')).toEqual(cm);
  });

  test('a merge patch that leaves an array is rejected as undecodable', () => {
    const [code, reason, message] = status(() => patchObject('merge', cm as unknown as KubeObject, [1]));
    expect([code, reason]).toEqual([422, 'Invalid']);
    expect(message).toBe(' "" is invalid: patch: Invalid value: "[1]": couldn\'t get version/kind; json parse error: '
      + 'json: cannot unmarshal array into Go value of type struct { APIVersion string "json:\\"apiVersion,omitempty\\""; '
      + 'Kind string "json:\\"kind,omitempty\\"" }');
  });
});
