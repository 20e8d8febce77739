# kubectl's imperative commands for Deployments: create deployment (labels and container
# name from the image), expose (selector and port from the Deployment), rollout restart and
# the errors each gives for bad input (a bare ReplicaSet has no rollout history).
kubectl create deployment web --image=registry.k8s.io/nginx-slim:0.24 --replicas=3 --port=80
kubectl create deployment web --image=nginx
kubectl create deployment other
kubectl create deployment --image=nginx
kubectl create deployment other --image=nginx --replicas=many
kubectl rollout status deployment/web
kubectl get deploy,rs -o wide
kubectl get pods -L app
kubectl expose deployment web
kubectl expose deployment web
sleep 1s
kubectl get svc web -o wide
kubectl describe svc web
kubectl rollout restart deployment/web
kubectl rollout status deployment/web
kubectl get rs
kubectl rollout history deployment/web
kubectl set image deployment/web www=nginx
kubectl set image deployment/web nginx-slim=registry.k8s.io/nginx-slim:0.24
kubectl rollout status sts/web
R=$(kubectl get rs -o jsonpath='{.items[0].metadata.name}')
kubectl rollout history rs/$R
kubectl rollout undo rs/$R
kubectl rollout status pod/web
kubectl rollout pause deployment/web
kubectl rollout undo deployment/web
kubectl rollout resume deployment/web
kubectl scale deploy web --replicas=1
kubectl rollout status deployment/web
kubectl get pods
kubectl delete deployment web
sleep 10s
kubectl get deploy,rs,pods
