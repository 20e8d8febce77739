# The Deployment page (concepts/workloads/controllers/deployment), command by command:
# nginx-deployment.yaml from its k8s.io URL, rollout status, the ReplicaSet and its
# pod-template-hash, an update by set image, describe, a stuck rollout that passes its
# progress deadline, history with a change cause, undo (to the previous and to a given
# revision), scale, and pause/resume with several changes batched into one rollout.
# The page's stuck rollout uses the mistyped tag nginx:1.161; the simulated registry cannot
# know which nginx tags exist, so this uses a name it knows is missing.
kubectl apply -f https://k8s.io/examples/controllers/nginx-deployment.yaml
kubectl get deployments
kubectl rollout status deployment/nginx-deployment
kubectl get deployments
kubectl get rs
kubectl get pods --show-labels
kubectl set image deployment.v1.apps/nginx-deployment nginx=nginx:1.16.1
kubectl rollout status deployment/nginx-deployment
kubectl get deployments
kubectl get rs
sleep 30s
kubectl get pods
kubectl describe deployments
kubectl annotate deployment/nginx-deployment kubernetes.io/change-cause="image updated to 1.16.1"
sleep 1s
kubectl set image deployment/nginx-deployment nginx=nginx:does-not-exist
kubectl rollout status deployment/nginx-deployment --timeout=20s
kubectl get rs
kubectl get pods
kubectl patch deployment/nginx-deployment -p '{"spec":{"progressDeadlineSeconds":60}}'
kubectl rollout status deployment/nginx-deployment
echo $?
kubectl describe deployment
kubectl rollout history deployment/nginx-deployment
kubectl rollout history deployment/nginx-deployment --revision=2
kubectl rollout history deployment/nginx-deployment --revision=9
kubectl rollout undo deployment/nginx-deployment --to-revision=9
kubectl rollout undo deployment/nginx-deployment
kubectl rollout status deployment/nginx-deployment
kubectl rollout history deployment/nginx-deployment
kubectl rollout undo deployment/nginx-deployment --to-revision=4
kubectl get deployment nginx-deployment
kubectl describe deployment nginx-deployment
kubectl scale deployment/nginx-deployment --replicas=10
sleep 10s
kubectl get deploy -o wide
kubectl rollout pause deployment/nginx-deployment
kubectl rollout pause deployment/nginx-deployment
kubectl set image deployment/nginx-deployment nginx=nginx:1.17.0
kubectl rollout history deployment/nginx-deployment
kubectl get rs
kubectl set resources deployment/nginx-deployment -c=nginx --limits=cpu=200m,memory=512Mi
kubectl rollout undo deployment/nginx-deployment
kubectl rollout restart deployment/nginx-deployment
sleep 10s
kubectl get rs
kubectl rollout resume deployment/nginx-deployment
sleep 60s
kubectl get rs
kubectl rollout status deployment/nginx-deployment
kubectl rollout history deployment/nginx-deployment
kubectl rollout resume deployment/nginx-deployment
