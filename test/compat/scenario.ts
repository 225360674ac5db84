// A realistic cluster for the compatibility suites: the tutorials' workloads (myblog with its
// MySQL, the saythx stack, the pi Job, a CronJob, a StatefulSet with claims, Services, an Ingress,
// a HorizontalPodAutoscaler), as manifests kubectl applies.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { REPO } from '../e2e/harness.js';

export const MYBLOG = `apiVersion: v1
kind: Namespace
metadata:
  name: myblog
---
apiVersion: v1
kind: Secret
metadata:
  name: myblog
  namespace: myblog
type: Opaque
stringData:
  MYSQL_USER: root
  MYSQL_PASSWD: "123456"
---
apiVersion: v1
kind: ConfigMap
metadata:
  name: myblog
  namespace: myblog
data:
  MYSQL_HOST: mysql
  MYSQL_PORT: "3306"
---
apiVersion: v1
kind: PersistentVolumeClaim
metadata:
  name: mysql-data
  namespace: myblog
spec:
  accessModes: [ReadWriteOnce]
  resources:
    requests:
      storage: 2Gi
---
apiVersion: apps/v1
kind: Deployment
metadata:
  name: mysql
  namespace: myblog
  labels: {app: mysql}
spec:
  replicas: 1
  selector:
    matchLabels: {app: mysql}
  template:
    metadata:
      labels: {app: mysql}
    spec:
      containers:
      - name: mysql
        image: mysql:5.7
        args: [--character-set-server=utf8mb4, --collation-server=utf8mb4_unicode_ci]
        ports:
        - containerPort: 3306
        env:
        - name: MYSQL_ROOT_PASSWORD
          valueFrom:
            secretKeyRef: {name: myblog, key: MYSQL_PASSWD}
        - name: MYSQL_DATABASE
          value: myblog
        resources:
          requests: {memory: 100Mi, cpu: 50m}
          limits: {memory: 500Mi, cpu: 100m}
        volumeMounts:
        - name: mysql-data
          mountPath: /var/lib/mysql
      volumes:
      - name: mysql-data
        persistentVolumeClaim:
          claimName: mysql-data
---
apiVersion: v1
kind: Service
metadata:
  name: mysql
  namespace: myblog
spec:
  ports:
  - port: 3306
    protocol: TCP
    targetPort: 3306
  selector:
    app: mysql
---
apiVersion: apps/v1
kind: Deployment
metadata:
  name: myblog
  namespace: myblog
  labels: {app: myblog}
spec:
  replicas: 2
  selector:
    matchLabels: {app: myblog}
  template:
    metadata:
      labels: {app: myblog, tier: web}
    spec:
      containers:
      - name: myblog
        image: nginx:1.27
        imagePullPolicy: IfNotPresent
        envFrom:
        - configMapRef: {name: myblog}
        - secretRef: {name: myblog}
        ports:
        - containerPort: 80
        resources:
          requests: {memory: 100Mi, cpu: 50m}
          limits: {memory: 500Mi, cpu: 100m}
        livenessProbe:
          httpGet: {path: /, port: 80, scheme: HTTP}
          initialDelaySeconds: 10
          periodSeconds: 15
        readinessProbe:
          httpGet: {path: /, port: 80, scheme: HTTP}
          initialDelaySeconds: 10
          periodSeconds: 15
---
apiVersion: v1
kind: Service
metadata:
  name: myblog
  namespace: myblog
spec:
  type: NodePort
  ports:
  - port: 80
    protocol: TCP
    targetPort: 80
    nodePort: 30002
  selector:
    app: myblog
---
apiVersion: networking.k8s.io/v1
kind: Ingress
metadata:
  name: myblog
  namespace: myblog
spec:
  rules:
  - host: myblog.luffy.com
    http:
      paths:
      - path: /
        pathType: Prefix
        backend:
          service:
            name: myblog
            port:
              number: 80
---
apiVersion: autoscaling/v2
kind: HorizontalPodAutoscaler
metadata:
  name: myblog
  namespace: myblog
spec:
  scaleTargetRef:
    apiVersion: apps/v1
    kind: Deployment
    name: myblog
  minReplicas: 2
  maxReplicas: 5
  metrics:
  - type: Resource
    resource:
      name: cpu
      target:
        type: Utilization
        averageUtilization: 80
`;

export const PI_JOB = `apiVersion: batch/v1
kind: Job
metadata:
  name: pi
spec:
  template:
    spec:
      containers:
      - name: pi
        image: perl:5.34.0
        command: ["perl", "-Mbignum=bpi", "-wle", "print bpi(2000)"]
      restartPolicy: Never
  backoffLimit: 4
`;

export const CRONJOB = `apiVersion: batch/v1
kind: CronJob
metadata:
  name: hello
spec:
  schedule: "*/1 * * * *"
  jobTemplate:
    spec:
      template:
        spec:
          containers:
          - name: hello
            image: busybox:1.28
            imagePullPolicy: IfNotPresent
            command: [/bin/sh, -c, date; echo Hello from the Kubernetes cluster]
          restartPolicy: OnFailure
`;

/** The saythx stack (namespace work), from examples/. */
export function saythx(): string {
  const dir = join(REPO, 'examples/saythx');
  return ['namespace', 'redis-deployment', 'redis-service', 'backend-deployment', 'backend-service', 'frontend-deployment',
    'frontend-service', 'work-deployment'].map((f) => readFileSync(join(dir, `${f}.yaml`), 'utf8').trimEnd()).join('\n---\n') + '\n';
}

export function statefulSet(): string {
  return readFileSync(join(REPO, 'examples/web-statefulset.yaml'), 'utf8');
}
