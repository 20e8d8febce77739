# Cattle and pets: the same nginx pods as a Deployment (and, as older texts have it, a
# ReplicationController) and as a StatefulSet. The Deployment's pods have random names under
# its ReplicaSet's; a deleted one comes back under a new name and IP, and scaling down removes
# whichever the ReplicaSet controller ranks first. The StatefulSet's pod comes back under its
# own name with its own claim, and scaling down removes the highest ordinal.
kubectl apply -f web.yaml
kubectl apply -f - <<EOF
apiVersion: apps/v1
kind: Deployment
metadata:
  name: cattle
spec:
  replicas: 2
  selector:
    matchLabels:
      app: cattle
  template:
    metadata:
      labels:
        app: cattle
    spec:
      containers:
      - name: nginx
        image: registry.k8s.io/nginx-slim:0.21
        ports:
        - containerPort: 80
          name: web
---
apiVersion: v1
kind: ReplicationController
metadata:
  name: legacy
spec:
  replicas: 1
  template:
    metadata:
      labels:
        app: legacy
    spec:
      containers:
      - name: nginx
        image: registry.k8s.io/nginx-slim:0.21
EOF
sleep 40s
kubectl get pods -o wide
kubectl get deploy,rs,sts,rc
kubectl get pvc
C=$(kubectl get pods -l app=cattle -o jsonpath='{.items[0].metadata.name}')
kubectl delete pod web-0 $C
sleep 20s
kubectl get pods -o wide
kubectl get pvc
kubectl scale sts web --replicas=1
kubectl scale deployment cattle --replicas=1
sleep 20s
kubectl get pods -L app
kubectl get all
kubectl describe rc legacy
L=$(kubectl get pods -l app=legacy -o jsonpath='{.items[0].metadata.name}')
kubectl get pod $L -o jsonpath='{.metadata.ownerReferences[0].kind}/{.metadata.ownerReferences[0].name}'
echo
